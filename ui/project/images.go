package project

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// AddImages adds pictures under class ("" for unlabelled), creating the
// class if needed. Pictures the project already knows keep their label and
// exclusion: a re-scan must not undo the user's relabelling. It returns how
// many pictures were new.
func (p *Project) AddImages(class string, paths []string) (int, error) {
	if class != "" {
		if err := ValidateClassName(class); err != nil {
			return 0, err
		}
	}
	p.mu.Lock()
	created := class != "" && !slices.Contains(p.classes, class)
	if created {
		p.classes = append(p.classes, class)
	}
	added := 0
	for _, path := range paths {
		path = filepath.Clean(path)
		if _, ok := p.images[path]; ok {
			continue
		}
		p.images[path] = &Image{Path: path, Class: class}
		added++
	}
	p.mu.Unlock()
	if created || added > 0 {
		p.changed()
	}
	return added, nil
}

// SetLabel moves pictures to class ("" makes them unlabelled). Only the
// project changes; the files stay where they are.
func (p *Project) SetLabel(class string, paths ...string) error {
	p.mu.Lock()
	if class != "" && !slices.Contains(p.classes, class) {
		p.mu.Unlock()
		return fmt.Errorf("label: no class %q", class)
	}
	for _, path := range paths {
		if _, ok := p.images[filepath.Clean(path)]; !ok {
			p.mu.Unlock()
			return fmt.Errorf("label: %s is not in the project", path)
		}
	}
	for _, path := range paths {
		p.images[filepath.Clean(path)].Class = class
	}
	p.mu.Unlock()
	p.changed()
	return nil
}

// SetExcluded leaves pictures out of training (or brings them back) without
// forgetting their label.
func (p *Project) SetExcluded(excluded bool, paths ...string) error {
	p.mu.Lock()
	for _, path := range paths {
		if _, ok := p.images[filepath.Clean(path)]; !ok {
			p.mu.Unlock()
			return fmt.Errorf("exclude: %s is not in the project", path)
		}
	}
	for _, path := range paths {
		p.images[filepath.Clean(path)].Excluded = excluded
	}
	p.mu.Unlock()
	p.changed()
	return nil
}

// Image returns what the project knows about one picture.
func (p *Project) Image(path string) (Image, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	im, ok := p.images[filepath.Clean(path)]
	if !ok {
		return Image{}, false
	}
	return *im, true
}

// Images returns every picture, sorted by path.
func (p *Project) Images() []Image {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Image, 0, len(p.images))
	for _, im := range p.images {
		out = append(out, *im)
	}
	slices.SortFunc(out, func(a, b Image) int { return compareStrings(a.Path, b.Path) })
	return out
}

// Select returns the sorted paths of the pictures that keep says yes to.
func (p *Project) Select(keep func(Image) bool) []string {
	var out []string
	for _, im := range p.Images() {
		if keep(im) {
			out = append(out, im.Path)
		}
	}
	return out
}

// ImagesOf returns the included pictures of class, sorted.
func (p *Project) ImagesOf(class string) []string {
	return p.Select(func(im Image) bool { return im.Class == class && !im.Excluded })
}

// Unlabelled returns the included pictures without a class.
func (p *Project) Unlabelled() []string { return p.ImagesOf("") }

// Excluded returns every excluded picture, whatever its class.
func (p *Project) Excluded() []string {
	return p.Select(func(im Image) bool { return im.Excluded })
}

// Labelled returns each class with its included pictures, in class order;
// this is what training uses. Empty classes are listed too, so callers can
// warn about them.
func (p *Project) Labelled() []ClassImages {
	// One sorted pass over the pictures, not one per class: the screens
	// call this on every change, and a project may hold 10,000 pictures.
	classes := p.Classes()
	index := make(map[string]int, len(classes))
	out := make([]ClassImages, len(classes))
	for i, c := range classes {
		index[c], out[i] = i, ClassImages{Name: c}
	}
	for _, im := range p.Images() {
		if i, ok := index[im.Class]; ok && !im.Excluded {
			out[i].Images = append(out[i].Images, im.Path)
		}
	}
	return out
}

// Missing returns the pictures whose files can no longer be found, e.g.
// because the user moved a folder since the project was saved.
func (p *Project) Missing() []string {
	return p.Select(func(im Image) bool {
		_, err := os.Stat(im.Path)
		return err != nil
	})
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
