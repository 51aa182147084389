package pictures

import "transferlab/ui/project"

// piles is the project's pictures sorted into what the screen shows: the
// included pictures of each class, the unlabelled and the excluded ones.
// The screen takes it from one read of the project per refresh, so a
// refresh costs one pass over the pictures however many classes there are.
type piles struct {
	classes    []project.ClassImages // in class order, empty classes too
	unlabelled []string
	excluded   []string
	total      int // every picture, excluded ones too
}

// pilesOf sorts p's pictures into piles; each pile is sorted by path.
func pilesOf(p *project.Project) piles {
	images := p.Images() // sorted by path
	names := p.Classes()
	at := make(map[string]int, len(names))
	ps := piles{classes: make([]project.ClassImages, len(names)), total: len(images)}
	for i, c := range names {
		at[c] = i
		ps.classes[i].Name = c
	}
	for _, im := range images {
		switch i, labelled := at[im.Class]; {
		case im.Excluded:
			ps.excluded = append(ps.excluded, im.Path)
		case labelled:
			ps.classes[i].Images = append(ps.classes[i].Images, im.Path)
		case im.Class == "":
			ps.unlabelled = append(ps.unlabelled, im.Path)
		}
	}
	return ps
}

// of returns the pictures of pile v.
func (ps piles) of(v imageView) []string {
	switch v.kind {
	case viewUnlabelled:
		return ps.unlabelled
	case viewExcluded:
		return ps.excluded
	}
	for _, c := range ps.classes {
		if c.Name == v.class {
			return c.Images
		}
	}
	return nil
}
