package weights

import (
	"fmt"
	"strings"
)

// Expect is one tensor a network needs: its state_dict name and shape.
type Expect struct {
	Name  string
	Shape []int
}

// Mismatch is a tensor present under the right name with the wrong shape.
type Mismatch struct {
	Name      string
	Want, Got []int
}

// CheckError lists every difference between a file and a network, for
// callers that show details; Error() sums them up in one line.
type CheckError struct {
	Expected   int      // number of tensors the network needs
	Missing    []Expect // needed but absent, in the network's order
	Unexpected []Expect // in the file but not in the network, sorted
	Mismatched []Mismatch
}

// Check compares sd with the tensors a network expects and returns nil when
// names and shapes agree exactly, else a *CheckError.
func Check(expected []Expect, sd StateDict) error {
	e := &CheckError{Expected: len(expected)}
	known := make(map[string]bool, len(expected))
	for _, ex := range expected {
		if known[ex.Name] {
			continue
		}
		known[ex.Name] = true
		t, ok := sd[ex.Name]
		switch {
		case !ok:
			e.Missing = append(e.Missing, ex)
		case !equalShapes(ex.Shape, t.Shape):
			e.Mismatched = append(e.Mismatched, Mismatch{ex.Name, ex.Shape, t.Shape})
		}
	}
	for _, name := range sd.Keys() {
		if !known[name] {
			e.Unexpected = append(e.Unexpected, Expect{name, sd[name].Shape})
		}
	}
	if len(e.Missing)+len(e.Unexpected)+len(e.Mismatched) == 0 {
		return nil
	}
	return e
}

// Error is one line. When most expected tensors (and more than a replaced
// classifier's few) are missing or misshapen, the file is for another
// architecture, and the line says so first.
func (e *CheckError) Error() string {
	if bad := len(e.Missing) + len(e.Mismatched); bad > 3 && 2*bad > e.Expected {
		if len(e.Missing) >= len(e.Mismatched) {
			return fmt.Sprintf("weights: file holds a different network (%d of %d keys missing, e.g. %s)",
				len(e.Missing), e.Expected, e.Missing[0].Name)
		}
		return fmt.Sprintf("weights: file holds a different network (%d of %d keys have other shapes, e.g. %s)",
			len(e.Mismatched), e.Expected, e.Mismatched[0])
	}
	problems := e.problems()
	const shown = 3
	msg := "weights: " + strings.Join(problems[:min(len(problems), shown)], "; ")
	if len(problems) > shown {
		msg += fmt.Sprintf("; and %d more", len(problems)-shown)
	}
	return msg
}

func (e *CheckError) problems() []string {
	var out []string
	for _, m := range e.Mismatched {
		out = append(out, m.String())
	}
	for _, m := range e.Missing {
		out = append(out, fmt.Sprintf("%s: missing from the file (shape %s)", m.Name, formatShape(m.Shape)))
	}
	for _, u := range e.Unexpected {
		out = append(out, fmt.Sprintf("%s: not part of the network (file has %s)", u.Name, formatShape(u.Shape)))
	}
	return out
}

func (m Mismatch) String() string {
	return fmt.Sprintf("%s: shape %s, file has %s", m.Name, formatShape(m.Want), formatShape(m.Got))
}

func equalShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
