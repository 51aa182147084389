//go:build ci

package app

import (
	"slices"
	"testing"

	"transferlab/engine/cases"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
	"transferlab/ui/words"
)

// TestLessonEqualsTheFourCasesOneByOne runs the four-cases lesson with the
// real engine on catsdogs-60 (2 epochs at 64 pixels, so it takes seconds)
// and then each case alone with the same settings and seed: the lesson's
// comparison table shows the accuracies of the runs made one by one, and
// the kept runs are equal to the last figure.
func TestLessonEqualsTheFourCasesOneByOne(t *testing.T) {
	u, path := savedCatsDogs(t, [2]string{"Epochs", "2"}, [2]string{"Picture size (pixels)", "64"})
	uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenTrain), "Compare the four cases")
	table := accuracyRow(t, u)
	u.Window().Canvas().Overlays().Top().Hide()
	t.Logf("lesson: %v", table)

	for _, c := range cases.All() {
		uitest.ChooseCase(t, u, c)
		uitest.Train(t, u)
	}
	runs := savedRuns(t, path)
	if len(runs) != 8 {
		t.Fatalf("%d runs kept, want 4 from the lesson and 4 one by one", len(runs))
	}
	for i, c := range cases.All() {
		lesson, alone := runs[i].Result, runs[4+i].Result
		if runs[i].Case != c || runs[4+i].Case != c {
			t.Fatalf("run %d is case %d and run %d case %d, want %d", i, runs[i].Case, 4+i, runs[4+i].Case, c)
		}
		if lesson.ValAccuracy != alone.ValAccuracy || !slices.Equal(lesson.Confusion[0], alone.Confusion[0]) {
			t.Errorf("case %d: lesson %v %v, alone %v %v", c, lesson.ValAccuracy, lesson.Confusion, alone.ValAccuracy, alone.Confusion)
		}
		if table[i] != words.Percent(alone.ValAccuracy) {
			t.Errorf("case %d: the lesson's table says %s, alone %s", c, table[i], words.Percent(alone.ValAccuracy))
		}
	}
}

// accuracyRow reads the Accuracy row of the comparison the lesson opened.
func accuracyRow(t *testing.T, u *window.App) []string {
	t.Helper()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("the lesson opened no comparison; status %q", uitest.Status(u))
	}
	labels := uitest.Labels(top)
	i := slices.Index(labels, "Accuracy")
	if i < 0 || i+4 >= len(labels) {
		t.Fatalf("no accuracy row in %q", labels)
	}
	return labels[i+1 : i+5]
}

// savedRuns reads the runs of the project file at path.
func savedRuns(t *testing.T, path string) []project.Run {
	t.Helper()
	p, err := project.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return p.Runs()
}
