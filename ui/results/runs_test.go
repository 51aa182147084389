package results

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/chart"
	"transferlab/ui/uitest"
)

// twoRuns returns a bench with two runs on catsdogs-60: run 1 of 5 epochs,
// run 2 of 3, their models in base/run-1 and base/run-2.
func twoRuns(t *testing.T) (*uitest.Bench, *Screen, string) {
	t.Helper()
	b, r := newBench(t)
	b.AddPictures(t, shareddata.Path(t, "datasets/catsdogs-60"))
	base := filepath.Join(t.TempDir(), "pets models")
	b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 5, 16, filepath.Join(base, "run-1"))
	b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 3, 16, filepath.Join(base, "run-2"))
	return b, r, base
}

// runRow is the Runs list's row of run n (1-based); newest is on top.
func runRow(t *testing.T, r *Screen, n int) fyne.CanvasObject {
	t.Helper()
	for _, row := range r.runs.rows.Objects {
		if uitest.HasLabel(row, runName(n-1)+" ·") {
			return row
		}
	}
	t.Fatalf("no row for run %d: %q", n, uitest.Labels(r.runs.rows))
	return nil
}

func TestRunsListEveryRunAndShowMakesOneTheModel(t *testing.T) {
	b, r, _ := twoRuns(t)
	if n := len(r.runs.rows.Objects); n != 2 {
		t.Fatalf("%d runs listed, want 2", n)
	}
	if top := strings.Join(uitest.Labels(r.runs.rows.Objects[0]), ""); !strings.HasPrefix(top, "Run 2 ·") {
		t.Errorf("the newest run is not on top: %q", top)
	}
	one := uitest.Label(t, runRow(t, r, 1), "Run 1 ·")
	for _, want := range []string{"SqueezeNet 1.1, case 1", "epochs auto", "accuracy 75.0%", "5 epochs, kept 3"} {
		if !strings.Contains(one, want) {
			t.Errorf("run 1 reads %q, lacking %q", one, want)
		}
	}
	if !uitest.Button(t, runRow(t, r, 2), "Shown").Disabled() {
		t.Error("the run shown can be shown again")
	}
	uitest.Tap(t, runRow(t, r, 1), "Show")
	if b.Store.Current() != 0 || len(b.Store.Run().Result.History) != 5 {
		t.Fatalf("current run %d after Show on run 1", b.Store.Current())
	}
	if !uitest.HasLabel(r.box, "Showing Run 1 ·") || !uitest.Button(t, runRow(t, r, 1), "Shown").Disabled() {
		t.Errorf("Results does not show run 1: %q", uitest.Labels(r.box))
	}
}

func TestCompareRunsSideBySide(t *testing.T) {
	b, r, _ := twoRuns(t)
	if !r.runs.compare.Disabled() {
		t.Error("Compare is on with no run ticked")
	}
	for n := 1; n <= 2; n++ {
		test.Tap(uitest.Find[*widget.Check](runRow(t, r, n))[0])
	}
	uitest.Tap(t, r.box, "Compare the ticked runs")
	dlg := b.Overlay(t)
	for _, want := range []string{"Run 1", "Run 2", "Accuracy", "Training time", "cat: its pictures recognised", "dog: answers that were right", "5 epochs, kept 3", "3 epochs, kept 3"} {
		if !uitest.HasLabel(dlg, want) {
			t.Errorf("the comparison lacks %q: %q", want, uitest.Labels(dlg))
		}
	}
	charts := uitest.Find[*chart.Line](dlg)
	if len(charts) != 1 || len(charts[0].Values(0)) != 5 || len(charts[0].Values(1)) != 3 {
		t.Fatalf("want one chart with both runs' accuracy curves (5 and 3 epochs), got %d charts", len(charts))
	}
	if got := charts[0].Values(1)[2]; got != 0.8 {
		t.Errorf("run 2's third epoch on the chart: %v, want 0.8", got)
	}
}

func TestDeleteAsksThenRemovesOnlyItsModelFolder(t *testing.T) {
	b, r, base := twoRuns(t)
	uitest.Tap(t, runRow(t, r, 1), "Delete")
	if _, err := os.Stat(filepath.Join(base, "run-1")); err != nil || len(b.Store.Project().Runs()) != 2 {
		t.Fatalf("deleted before the user confirmed: %v", err)
	}
	uitest.Tap(t, b.Overlay(t), "Cancel")
	if len(b.Store.Project().Runs()) != 2 {
		t.Fatal("Cancel deleted the run")
	}
	uitest.Tap(t, runRow(t, r, 1), "Delete")
	uitest.Tap(t, b.Overlay(t), "Delete")
	if runs := b.Store.Project().Runs(); len(runs) != 1 || len(runs[0].Result.History) != 3 {
		t.Fatalf("after deleting run 1: %d runs", len(runs))
	}
	if _, err := os.Stat(filepath.Join(base, "run-1")); !os.IsNotExist(err) {
		t.Errorf("run 1's model folder is still there: %v", err)
	}
	if _, err := os.Stat(b.Store.Run().Result.ClassifierPath); err != nil {
		t.Errorf("run 2's model went too: %v", err)
	}
	for _, im := range b.Store.Project().Images() {
		if _, err := os.Stat(im.Path); err != nil {
			t.Fatalf("a picture went: %v", err)
		}
	}
	if !strings.Contains(b.Status, "Deleted Run 1 and its model folder") || len(r.runs.rows.Objects) != 1 {
		t.Errorf("status %q, %d rows", b.Status, len(r.runs.rows.Objects))
	}
}

func TestDeletingTheLastRunEmptiesResults(t *testing.T) {
	b, r := trained(t)
	uitest.Tap(t, runRow(t, r, 1), "Delete")
	uitest.Tap(t, b.Overlay(t), "Delete")
	if b.Store.Run() != nil || !uitest.HasLabel(r.box, "Train a model to see here") {
		t.Errorf("after deleting the only run: %q", uitest.Labels(r.box))
	}
}

// TestANewRunIsShownFromTheTop: Results scrolled down to the most-wrong
// pictures opens at the top when a new run is trained or another is shown.
func TestANewRunIsShownFromTheTop(t *testing.T) {
	b, r, _ := twoRuns(t)
	for name, next := range map[string]func(){
		"trained": func() { b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 2, 16, t.TempDir()) },
		"shown":   func() { uitest.Tap(t, runRow(t, r, 1), "Show") },
	} {
		r.content.Refresh() // lays the new content out, as drawing the window does
		r.content.ScrollToBottom()
		if r.content.Offset.Y == 0 {
			t.Fatal("the screen does not scroll")
		}
		next()
		if r.content.Offset.Y != 0 {
			t.Errorf("%s: Results opens %v down", name, r.content.Offset.Y)
		}
	}
}
