package dataset

import (
	"context"
	"sort"

	"transferlab/engine/imageprep"
)

// Duplicate is one picture (the same bytes) filed under more than one
// class: it teaches the classifier two answers for the same input, and
// usually means a picture was copied into the wrong folder.
type Duplicate struct {
	Paths []string `json:"paths"` // every copy, in class order
}

// duplicatesAcross finds pictures whose content appears in more than one
// class. files maps a group (a class, or "train/cat") to its pictures;
// class names the class a group belongs to, so a picture in train/cat and
// val/cat is not flagged but one in cat and dog is. Files that cannot be
// read again are passed over: the scan already checked them. It reads every
// picture once more (to hash it), so it stops when ctx is cancelled.
func duplicatesAcross(ctx context.Context, files map[string][]string, class func(group string) string) ([]Duplicate, error) {
	byHash := map[string][]string{}
	classesOf := map[string]map[string]bool{}
	for _, g := range sortedKeys(files) {
		for _, p := range files[g] {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			h, err := imageprep.ContentHash(p)
			if err != nil {
				continue
			}
			byHash[h] = append(byHash[h], p)
			if classesOf[h] == nil {
				classesOf[h] = map[string]bool{}
			}
			classesOf[h][class(g)] = true
		}
	}
	var out []Duplicate
	for h, paths := range byHash {
		if len(classesOf[h]) > 1 {
			out = append(out, Duplicate{Paths: paths})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Paths[0] < out[j].Paths[0] })
	return out, nil
}
