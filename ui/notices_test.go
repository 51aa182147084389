package ui

import (
	"fmt"
	"strings"
	"testing"
)

func pics(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("/p/%d.jpg", i)
	}
	return out
}

func TestDatasetNotices(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   datasetFacts
		want []string // "Level: text prefix"
	}{
		{"balanced", datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(40)}}}, nil},
		{"empty project", datasetFacts{}, []string{"Problem: Training needs at least 2 classes with 2 or more pictures each; you have 0."}},
		{"one class", datasetFacts{Classes: []ClassImages{{"a", pics(30)}}}, []string{"Problem: Training needs at least 2 classes"}},
		{"class of one", datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(1)}, {"c", pics(30)}}}, []string{
			`Problem: Class "b" has only 1 picture`,
			`Warning: The classes are unbalanced: "a" has 30 pictures, "b" only 1.`}},
		{"few and empty", datasetFacts{Classes: []ClassImages{{"a", pics(9)}, {"b", pics(10)}, {"c", nil}}}, []string{
			`Warning: Class "a" has only 9 pictures`, `Warning: Class "c" has no pictures yet.`}},
		{"ratio 3 is fine, above is not", datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(10)}}}, nil},
		{"unbalanced", datasetFacts{Classes: []ClassImages{{"a", pics(31)}, {"b", pics(10)}}}, []string{`Warning: The classes are unbalanced: "a" has 31 pictures, "b" only 10.`}},
		{"unlabelled and excluded", datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(30)}}, Unlabelled: 4, Excluded: 2}, []string{
			"Note: 4 picture(s) have no class yet.", "Note: 2 picture(s) are excluded"}},
		{"unreadable and missing", datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(30)}},
			Unreadable: map[string]string{"/x/b.jpg": "truncated JPEG", "/x/a.gif": "not a picture"}, Missing: []string{"/gone.jpg"}}, []string{
			"Warning: 2 file(s) could not be read", "Warning: 1 picture(s) are no longer where they were"}},
	} {
		got := datasetNotices(tc.in)
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
	ns := datasetNotices(datasetFacts{Classes: []ClassImages{{"a", pics(30)}, {"b", pics(30)}},
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
	if _, ok := blocksTraining([]notice{{Level: levelWarning}, {Level: levelNote}}); ok {
		t.Error("warnings blocked training")
	}
	if n, ok := blocksTraining([]notice{{Level: levelWarning}, {Level: levelProblem, Text: "x"}}); !ok || n.Text != "x" {
		t.Error("a problem did not block training")
	}
}
