package dataset

import "sort"

// Duplicate is one picture (the same bytes) filed under more than one
// class: it teaches the classifier two answers for the same input, and
// usually means a picture was copied into the wrong folder.
type Duplicate struct {
	Paths []string `json:"paths"` // every copy, in class order
}

// duplicatesAcross finds pictures whose content appears in more than one
// class. files maps a group (a class, or "train/cat") to its pictures and
// hashes each picture to its content hash (from the scan's one read);
// class names the class a group belongs to, so a picture in train/cat and
// val/cat is not flagged but one in cat and dog is.
func duplicatesAcross(files map[string][]string, hashes map[string]string, class func(group string) string) []Duplicate {
	byHash := map[string][]string{}
	classesOf := map[string]map[string]bool{}
	for _, g := range sortedKeys(files) {
		for _, p := range files[g] {
			h := hashes[p]
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
	return out
}
