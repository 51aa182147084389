package notices

import (
	"strings"

	"fyne.io/fyne/v2/lang"
)

// Copy is one file of a picture the project holds more than once, and the
// class it is filed under.
type Copy struct {
	Path  string
	Class string
}

// duplicatesNotice warns about pictures filed under more than one class:
// the model is taught two answers for the same picture, and one copy is
// usually in the wrong folder. Each picture's copies are named with their
// classes.
func duplicatesNotice(dups [][]Copy) Notice {
	most := 0
	var lines []string
	for _, copies := range dups {
		most = max(most, classCount(copies))
		lines = append(lines, copiesLine(copies))
	}
	var text string
	switch {
	case len(dups) == 1 && most <= 2:
		text = lang.L("1 picture is filed under two classes, which teaches the model two answers for one picture. " +
			"Move or exclude the copy in the wrong class:")
	case len(dups) == 1:
		text = lang.L("1 picture is filed under more than one class, which teaches the model two answers for one picture. " +
			"Move or exclude the copy in the wrong class:")
	case most <= 2:
		text = lang.L("{{.N}} pictures are filed under two classes, which teaches the model two answers for one picture. "+
			"Move or exclude the copy in the wrong class:", n(len(dups)))
	default:
		text = lang.L("{{.N}} pictures are filed under more than one class, which teaches the model two answers for one picture. "+
			"Move or exclude the copy in the wrong class:", n(len(dups)))
	}
	return Notice{Level: Warning, Text: text, Details: capDetails(lines)}
}

// classCount is how many classes the copies are filed under.
func classCount(copies []Copy) int {
	seen := map[string]bool{}
	for _, c := range copies {
		seen[c.Class] = true
	}
	return len(seen)
}

// copiesLine names each copy with its class: "a.jpg (cat) and b.jpg (dog)".
func copiesLine(copies []Copy) string {
	parts := make([]string, len(copies))
	for i, c := range copies {
		parts[i] = c.Path + " (" + c.Class + ")"
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return lang.L("{{.List}} and {{.Last}}", map[string]any{
		"List": strings.Join(parts[:len(parts)-1], ", "), "Last": parts[len(parts)-1]})
}
