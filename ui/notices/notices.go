// Package notices checks a project's pictures the way a careful teacher
// would before training (enough classes and pictures, balance, files left
// out) and shows each finding as a notice that reads without colour.
package notices

import (
	"slices"
	"sort"

	"fyne.io/fyne/v2/lang"

	"transferlab/ui/project"
)

// Level is how serious a notice is. Each level has a word as well as an
// icon, so notices read without colour.
type Level int

// The levels, least serious first.
const (
	Note    Level = iota // information, nothing wrong
	Warning              // training works, results may suffer
	Problem              // training cannot start until fixed
)

func (l Level) String() string {
	return [...]string{lang.L("Note"), lang.L("Warning"), lang.L("Problem")}[l]
}

// Notice is one message about the dataset, with optional details such as
// the list of unreadable files.
type Notice struct {
	Level   Level
	Text    string
	Details []string
}

// Thresholds for the dataset checks.
const (
	fewPictures    = 10 // below this a class gets a warning
	imbalanceRatio = 3  // largest/smallest class above this is unbalanced
	maxDetails     = 50 // files listed per notice, the rest are counted
)

// Facts are what the checks look at.
type Facts struct {
	Classes    []project.ClassImages // included, labelled pictures per class
	Unlabelled int
	Excluded   int
	Unreadable map[string]string // path -> reason
	Missing    []string
	// Duplicates are pictures filed under more than one class: the copies
	// of each, with their classes.
	Duplicates [][]Copy
}

// Check checks the pictures the way a careful teacher would
// before training: enough classes, enough pictures, balance, the same
// picture in two classes, and every file that had to be left out, named
// with the reason.
func Check(f Facts) []Notice {
	var out []Notice
	out = append(out, Classes(f.Classes)...)
	if f.Unlabelled > 0 {
		out = append(out, Notice{Level: Note, Text: lang.L(
			"{{.N}} picture(s) have no class yet. Open \"Unlabelled\", select pictures and press 1-9 to give them a class.", n(f.Unlabelled))})
	}
	if f.Excluded > 0 {
		out = append(out, Notice{Level: Note, Text: lang.L(
			"{{.N}} picture(s) are excluded and will not be used for training.", n(f.Excluded))})
	}
	if len(f.Duplicates) > 0 {
		out = append(out, duplicatesNotice(f.Duplicates))
	}
	if len(f.Unreadable) > 0 {
		out = append(out, Notice{Level: Warning, Text: lang.L(
			"{{.N}} file(s) could not be read and will be left out:", n(len(f.Unreadable))),
			Details: unreadableDetails(f.Unreadable)})
	}
	if len(f.Missing) > 0 {
		out = append(out, Notice{Level: Warning, Text: lang.L(
			"{{.N}} picture(s) are no longer where they were (moved or deleted?) and will be left out:", n(len(f.Missing))),
			Details: capDetails(slices.Clone(f.Missing))})
	}
	return out
}

// Classes checks the classes alone: enough of them, enough pictures in
// each, balance. Its problems are the ones that block training.
func Classes(classes []project.ClassImages) []Notice {
	var out []Notice
	usable := 0
	for _, c := range classes {
		n := len(c.Images)
		switch {
		case n == 0:
			out = append(out, Notice{Level: Warning, Text: lang.L("Class \"{{.Class}}\" has no pictures yet.", aboutClass(c.Name, 0))})
		case n == 1:
			out = append(out, Notice{Level: Problem, Text: lang.L(
				"Class \"{{.Class}}\" has only 1 picture; it needs at least 2 (one to learn from, one to check with).", aboutClass(c.Name, 1))})
		case n < fewPictures:
			out = append(out, Notice{Level: Warning, Text: lang.L(
				"Class \"{{.Class}}\" has only {{.N}} pictures; 20 or more per class give more reliable results.", aboutClass(c.Name, n))})
		}
		if n >= 2 {
			usable++
		}
	}
	if usable < 2 {
		out = append([]Notice{{Level: Problem, Text: lang.L(
			"Training needs at least 2 classes with 2 or more pictures each; you have {{.N}}.", n(usable))}}, out...)
	}
	if w, ok := imbalanceNotice(classes); ok {
		out = append(out, w)
	}
	return out
}

// imbalanceNotice warns when the largest class has more than
// imbalanceRatio times the pictures of the smallest non-empty one: the
// model then learns to favour the large class.
func imbalanceNotice(classes []project.ClassImages) (Notice, bool) {
	var big, small project.ClassImages
	for _, c := range classes {
		if len(c.Images) == 0 {
			continue
		}
		if big.Name == "" || len(c.Images) > len(big.Images) {
			big = c
		}
		if small.Name == "" || len(c.Images) < len(small.Images) {
			small = c
		}
	}
	if small.Name == "" || len(big.Images) <= imbalanceRatio*len(small.Images) {
		return Notice{}, false
	}
	return Notice{Level: Warning, Text: lang.L(
		"The classes are unbalanced: \"{{.Big}}\" has {{.BigN}} pictures, \"{{.Small}}\" only {{.SmallN}}. "+
			"The model may favour \"{{.Big}}\"; add pictures to the small class or exclude some from the big one.",
		map[string]any{"Big": big.Name, "BigN": len(big.Images), "Small": small.Name, "SmallN": len(small.Images)})}, true
}

func unreadableDetails(files map[string]string) []string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for i, p := range paths {
		paths[i] = p + ": " + files[p]
	}
	return capDetails(paths)
}

func capDetails(lines []string) []string {
	if len(lines) <= maxDetails {
		return lines
	}
	rest := len(lines) - maxDetails
	return append(lines[:maxDetails], lang.L("... and {{.N}} more", n(rest)))
}

// n is the template data of a sentence with a count.
func n(count int) map[string]any { return map[string]any{"N": count} }

// aboutClass is the template data of a sentence about a class and its count.
func aboutClass(name string, count int) map[string]any {
	return map[string]any{"Class": name, "N": count}
}

// Blocking reports the first problem that prevents training.
func Blocking(ns []Notice) (Notice, bool) {
	for _, n := range ns {
		if n.Level == Problem {
			return n, true
		}
	}
	return Notice{}, false
}
