package results

import (
	"testing"

	"transferlab/engine/cases"
	"transferlab/ui/store"
	"transferlab/ui/uitest"
)

// TestLessonOpensItsComparisonWithTheConclusion: a finished lesson ticks
// its runs, opens them side by side under the conclusion, and keeps the
// conclusion on the screen with a way back to the comparison.
func TestLessonOpensItsComparisonWithTheConclusion(t *testing.T) {
	b, r := trained(t) // run 0: case 1
	for _, c := range []cases.Case{cases.CutBackbone, cases.FineTune, cases.FromScratch} {
		b.Trained(t, "squeezenet1_1", c, 3, 16, t.TempDir())
	}
	b.Store.SetLesson(store.Lesson{Runs: []int{0, 1, 2, 3}, Conclusion: "Case 1 won here.",
		Notes: []string{"Case 4 (Train from scratch): stopped after 3 of 30 epochs."}})

	dlg := b.Overlay(t)
	for _, want := range []string{lessonTitle(), "Case 1 won here.", "Case 4 (Train from scratch): stopped after 3 of 30 epochs.", "Run 1", "Run 4"} {
		if !uitest.HasLabel(dlg, want) {
			t.Errorf("the comparison lacks %q: %v", want, uitest.Labels(dlg))
		}
	}
	if got := r.runs.ticked(); len(got) != 4 {
		t.Errorf("ticked runs %v, want the lesson's 4", got)
	}
	b.Win.Canvas().Overlays().Top().Hide()
	if !uitest.HasLabel(r.box, "Case 1 won here.") {
		t.Fatal("the Results screen does not keep the conclusion")
	}
	uitest.Tap(t, r.box, "Compare the lesson's runs again")
	if !uitest.HasLabel(b.Overlay(t), "Case 1 won here.") {
		t.Error("the comparison did not open again")
	}
}
