package dataset

import (
	"fmt"
	"sort"
	"strings"
)

// Item is one labelled image.
type Item struct {
	Path  string
	Class int // index into Dataset.Classes
}

// Skipped is a file left out, with the reason in plain words.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Dataset is a labelled image collection split for training.
type Dataset struct {
	Classes    []string
	Train, Val []Item
	// Test is held out by HoldOutTest: never trained on, never used to
	// choose the epoch; empty without a test share.
	Test    []Item
	Skipped []Skipped
	// PresetSplit is true when the folder's own train/ and val/ folders
	// decided the split.
	PresetSplit bool
	// Duplicates are pictures found in more than one class; they are
	// kept (the user decides), but worth a warning.
	Duplicates []Duplicate
	// Hashes maps a picture's path to its content hash
	// (imageprep.ContentHashOf), computed from the scan's one read of the
	// file; nil (or a missing path) when the pictures did not come from a
	// scan, and whoever needs one reads the file.
	Hashes map[string]string
}

// LeaveOut returns a copy of d without the pictures in bad, which are added
// to its Skipped: pictures whose header was fine at the scan but whose
// pixels could not be decoded. It fails, as the scan would, when a class is
// left with fewer than two training pictures or nothing is left to
// validate on.
func (d *Dataset) LeaveOut(bad []Skipped) (*Dataset, error) {
	if len(bad) == 0 {
		return d, nil
	}
	drop := map[string]bool{}
	for _, s := range bad {
		drop[s.Path] = true
	}
	out := *d
	out.Skipped = append(append([]Skipped(nil), d.Skipped...), bad...)
	out.Train, out.Val, out.Test = keep(d.Train, drop), keep(d.Val, drop), keep(d.Test, drop)
	train, _ := out.Counts()
	if err := validate("the data", out.Classes, train); err != nil {
		return nil, err
	}
	if len(out.Val) == 0 {
		return nil, fmt.Errorf("dataset: no validation picture could be read")
	}
	return &out, nil
}

// keep returns the items whose path is not in drop.
func keep(items []Item, drop map[string]bool) []Item {
	out := make([]Item, 0, len(items))
	for _, it := range items {
		if !drop[it.Path] {
			out = append(out, it)
		}
	}
	return out
}

// Counts returns the number of training and validation images per class.
func (d *Dataset) Counts() (train, val []int) {
	train, val = make([]int, len(d.Classes)), make([]int, len(d.Classes))
	for _, it := range d.Train {
		train[it.Class]++
	}
	for _, it := range d.Val {
		val[it.Class]++
	}
	return train, val
}

// validate rejects what cannot be trained: fewer than two classes, or a
// class with fewer than two usable images.
func validate(root string, classes []string, counts []int) error {
	switch len(classes) {
	case 0:
		return fmt.Errorf("dataset: %s has no class folders with images (make one folder per class, each holding that class's pictures)", root)
	case 1:
		return fmt.Errorf("dataset: %s has only one class (%s); a classifier needs at least two", root, classes[0])
	}
	var few []string
	for i, n := range counts {
		if n < 2 {
			few = append(few, fmt.Sprintf("%s (%d)", classes[i], n))
		}
	}
	if len(few) > 0 {
		return fmt.Errorf("dataset: every class needs at least 2 usable images; too few in %s", strings.Join(few, ", "))
	}
	return nil
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
