package notices

import (
	"fmt"
	"strings"
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
	under := "two classes"
	if most > 2 {
		under = "more than one class"
	}
	subject := fmt.Sprintf("%d pictures are", len(dups))
	if len(dups) == 1 {
		subject = "1 picture is"
	}
	return Notice{Level: Warning, Text: fmt.Sprintf(
		"%s filed under %s, which teaches the model two answers for one picture. "+
			"Move or exclude the copy in the wrong class:", subject, under),
		Details: capDetails(lines)}
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
		parts[i] = fmt.Sprintf("%s (%s)", c.Path, c.Class)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
