package pictures

import (
	"strings"

	"transferlab/ui/notices"
	"transferlab/ui/project"
)

// scannedDuplicates remembers the pictures the scans found filed under more
// than one class (the same bytes), each as its copies' paths; a picture
// found again by a later scan is kept once. They are forgotten when
// another project is opened (its re-scan finds its own).
type scannedDuplicates struct {
	copies [][]string
	seen   map[string]bool
}

func (s *scannedDuplicates) add(found [][]string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	for _, paths := range found {
		key := strings.Join(paths, "\x00")
		if !s.seen[key] {
			s.seen[key] = true
			s.copies = append(s.copies, paths)
		}
	}
}

// inClasses returns the duplicates as the project files them now: only
// the included copies with a class count, so a picture the user has moved
// to one class, or whose wrong copy is excluded, is no longer listed.
func (s *scannedDuplicates) inClasses(p *project.Project) [][]notices.Copy {
	var out [][]notices.Copy
	for _, paths := range s.copies {
		var copies []notices.Copy
		classes := map[string]bool{}
		for _, path := range paths {
			im, ok := p.Image(path)
			if !ok || im.Excluded || im.Class == "" {
				continue
			}
			copies = append(copies, notices.Copy{Path: path, Class: im.Class})
			classes[im.Class] = true
		}
		if len(classes) > 1 {
			out = append(out, copies)
		}
	}
	return out
}
