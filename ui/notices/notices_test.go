package notices

import (
	"fmt"
	"strings"
	"testing"

	"transferlab/ui/project"
)

func pics(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("/p/%d.jpg", i)
	}
	return out
}

// class is a class of n pictures.
func class(name string, n int) project.ClassImages {
	return project.ClassImages{Name: name, Images: pics(n)}
}

func TestDatasetNotices(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Facts
		want []string // "Level: text prefix"
	}{
		{"balanced", Facts{Classes: []project.ClassImages{class("a", 30), class("b", 40)}}, nil},
		{"empty project", Facts{}, []string{"Problem: Training needs at least 2 classes with 2 or more pictures each; you have 0."}},
		{"one class", Facts{Classes: []project.ClassImages{class("a", 30)}}, []string{"Problem: Training needs at least 2 classes"}},
		{"class of one", Facts{Classes: []project.ClassImages{class("a", 30), class("b", 1), class("c", 30)}}, []string{
			`Problem: Class "b" has only 1 picture`,
			`Warning: The classes are unbalanced: "a" has 30 pictures, "b" only 1.`}},
		{"few and empty", Facts{Classes: []project.ClassImages{class("a", 9), class("b", 10), class("c", 0)}}, []string{
			`Warning: Class "a" has only 9 pictures`, `Warning: Class "c" has no pictures yet.`}},
		{"ratio 3 is fine, above is not", Facts{Classes: []project.ClassImages{class("a", 30), class("b", 10)}}, nil},
		{"unbalanced", Facts{Classes: []project.ClassImages{class("a", 31), class("b", 10)}}, []string{`Warning: The classes are unbalanced: "a" has 31 pictures, "b" only 10.`}},
		{"unlabelled and excluded", Facts{Classes: []project.ClassImages{class("a", 30), class("b", 30)}, Unlabelled: 4, Excluded: 2}, []string{
			"Note: 4 picture(s) have no class yet.", "Note: 2 picture(s) are excluded"}},
		{"unreadable and missing", Facts{Classes: []project.ClassImages{class("a", 30), class("b", 30)},
			Unreadable: map[string]string{"/x/b.jpg": "truncated JPEG", "/x/a.gif": "not a picture"}, Missing: []string{"/gone.jpg"}}, []string{
			"Warning: 2 file(s) could not be read", "Warning: 1 picture(s) are no longer where they were"}},
	} {
		got := Check(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d notices %v, want %d", tc.name, len(got), got, len(tc.want))
			continue
		}
		for i, n := range got {
			if s := n.Level.String() + ": " + n.Text; !strings.HasPrefix(s, tc.want[i]) {
				t.Errorf("%s: notice %d = %q, want prefix %q", tc.name, i, s, tc.want[i])
			}
		}
	}
}

func TestUnreadableDetailsAreSortedWithReasonsAndCapped(t *testing.T) {
	ns := Check(Facts{Classes: []project.ClassImages{class("a", 30), class("b", 30)},
		Unreadable: map[string]string{"/x/b.jpg": "truncated JPEG", "/x/a.gif": "not a picture"}})
	if got := strings.Join(ns[0].Details, "|"); got != "/x/a.gif: not a picture|/x/b.jpg: truncated JPEG" {
		t.Errorf("details = %q", got)
	}
	many := map[string]string{}
	for i := 0; i < maxDetails+7; i++ {
		many[fmt.Sprintf("/x/%03d.jpg", i)] = "bad"
	}
	d := unreadableDetails(many)
	if len(d) != maxDetails+1 || d[maxDetails] != "... and 7 more" {
		t.Errorf("capped details end with %q (%d lines)", d[len(d)-1], len(d))
	}
}

func TestBlocksTraining(t *testing.T) {
	if _, ok := Blocking([]Notice{{Level: Warning}, {Level: Note}}); ok {
		t.Error("warnings blocked training")
	}
	if n, ok := Blocking([]Notice{{Level: Warning}, {Level: Problem, Text: "x"}}); !ok || n.Text != "x" {
		t.Error("a problem did not block training")
	}
}

func TestDuplicatesNameEveryCopyWithItsClass(t *testing.T) {
	two := Facts{Classes: []project.ClassImages{class("cat", 30), class("dog", 30)}, Duplicates: [][]Copy{
		{{"/x/cat/a.jpg", "cat"}, {"/x/dog/a.jpg", "dog"}},
		{{"/x/cat/b.jpg", "cat"}, {"/x/dog/c.jpg", "dog"}},
	}}
	ns := Check(two)
	if len(ns) != 1 || ns[0].Level != Warning || !strings.HasPrefix(ns[0].Text, "2 pictures are filed under two classes, which teaches the model two answers for one picture.") {
		t.Fatalf("notices %+v", ns)
	}
	if got := strings.Join(ns[0].Details, "|"); got != "/x/cat/a.jpg (cat) and /x/dog/a.jpg (dog)|/x/cat/b.jpg (cat) and /x/dog/c.jpg (dog)" {
		t.Errorf("details = %q", got)
	}
	three := Facts{Classes: two.Classes, Duplicates: [][]Copy{{{"/a.jpg", "cat"}, {"/b.jpg", "dog"}, {"/c.jpg", "bird"}}}}
	ns = Check(three)
	if len(ns) != 1 || !strings.HasPrefix(ns[0].Text, "1 picture is filed under more than one class") ||
		ns[0].Details[0] != "/a.jpg (cat), /b.jpg (dog) and /c.jpg (bird)" {
		t.Errorf("three copies: %+v", ns)
	}
}
