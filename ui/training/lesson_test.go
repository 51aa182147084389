package training

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
)

// TestLessonKeepsFourRunsAndPublishesTheComparison: one tap trains the
// four cases with the project's settings on one progress bar; each becomes
// a run, and the store carries the conclusion to the Results screen.
func TestLessonKeepsFourRunsAndPublishesTheComparison(t *testing.T) {
	eng := fakeengine.New()
	b, tr := readyToTrain(t, eng)
	var fractions []float64
	eng.OnEvent = func(ui.TrainEvent) { fractions = append(fractions, tr.progress.Value) }
	test.Tap(tr.lessonB)

	runs := b.Store.Project().Runs()
	if len(runs) != 4 {
		t.Fatalf("%d runs kept, want 4", len(runs))
	}
	for i, r := range runs {
		if want := cases.All()[i]; r.Case != want || r.Settings.Case != want || r.Network != "squeezenet1_1" {
			t.Errorf("run %d: case %d (settings %d) on %s, want case %d", i, r.Case, r.Settings.Case, r.Network, want)
		}
	}
	if !slices.IsSorted(fractions) || fractions[len(fractions)-1] < 0.9 {
		t.Errorf("the one progress bar went %v", fractions)
	}
	l := b.Store.Lesson()
	if l == nil || !slices.Equal(l.Runs, []int{0, 1, 2, 3}) ||
		l.Conclusion != "Case 1 (Few pictures, everyday subjects) won here. Run 1 (case 1) is now the model that Try it uses." {
		t.Fatalf("lesson published: %+v", l)
	}
	if b.Store.Current() != 0 {
		t.Errorf("the current model is run %d, want the winner's (0)", b.Store.Current())
	}
	if !strings.HasPrefix(tr.phase.Text, "Lesson finished. Case 1") || b.Shown != host.Results {
		t.Errorf("phase %q, screen %d", tr.phase.Text, b.Shown)
	}
	if tr.start.Disabled() || tr.lessonB.Disabled() || !tr.stopB.Disabled() {
		t.Error("buttons not back to ready after the lesson")
	}
}

// TestLessonStopKeepsTheFinishedCases: Stop during case 2 keeps case 1
// and case 2's best epoch so far, and says the lesson was cut short.
func TestLessonStopKeepsTheFinishedCases(t *testing.T) {
	eng := fakeengine.New()
	b, tr := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if r := eng.Requests; len(r) == 2 && ev.Phase == ui.PhaseEpoch && ev.Epoch == 2 {
			test.Tap(tr.stopB)
		}
	}
	test.Tap(tr.lessonB)
	runs := b.Store.Project().Runs()
	if len(runs) != 2 || !runs[1].Result.Stopped {
		t.Fatalf("%d runs kept (%+v), want cases 1 and 2, the second stopped", len(runs), runs)
	}
	if !strings.Contains(tr.phase.Text, "stopped after 2 of 4 cases") {
		t.Errorf("phase %q", tr.phase.Text)
	}
}
