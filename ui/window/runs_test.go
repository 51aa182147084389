package window

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

// runRow is the Results screen's Runs row of run n (1-based).
func runRow(t *testing.T, u *App, n int) fyne.CanvasObject {
	t.Helper()
	prefix := fmt.Sprintf("Run %d ·", n)
	for _, row := range uitest.Find[*fyne.Container](u.results.Content()) {
		if len(row.Objects) > 0 && strings.HasPrefix(strings.Join(uitest.Labels(row.Objects[0]), ""), prefix) &&
			len(uitest.Buttons(row, "Delete")) == 1 {
			return row
		}
	}
	t.Fatalf("no Runs row for run %d: %q", n, uitest.Labels(u.results.Content()))
	return nil
}

// TestChosenRunIsTheModelEverywhere: Show on an earlier run makes it the
// model of the Train screen's charts and of Try it, whose file is checked
// again (here it was deleted since).
func TestChosenRunIsTheModelEverywhere(t *testing.T) {
	u, _ := savedAndTrained(t)
	first := u.store.Run().Result.ClassifierPath
	uitest.SetAdvanced(t, u, "Epochs", "3")
	u.selectTab(host.Train)
	test.Tap(startButton(t, u))
	if len(accuracyChart(t, u).Values(1)) != 3 {
		t.Fatal("the second run did not train 3 epochs")
	}
	if err := os.Remove(first); err != nil {
		t.Fatal(err)
	}
	uitest.Tap(t, runRow(t, u, 1), "Show")
	if n := len(accuracyChart(t, u).Values(1)); n != 5 {
		t.Errorf("the Train screen charts %d epochs, want run 1's 5", n)
	}
	u.selectTab(host.Try)
	if !uitest.HasLabel(u.try.Content(), first) || !strings.Contains(uitest.Status(u), "is missing") {
		t.Errorf("Try it says %q, status %q; want run 1's missing file %s", uitest.Labels(u.try.Content()), uitest.Status(u), filepath.Base(first))
	}
	uitest.Tap(t, runRow(t, u, 2), "Show")
	u.selectTab(host.Try)
	uitest.Drop(u, filepath.Join(catsDogs(t), "cat", "cat-07.jpg"))
	if !showsLabel(u.try.Content(), "cat-07.jpg: the model says cat (80.0% sure).") {
		t.Errorf("Try it with run 2 says %q", uitest.Labels(u.try.Content()))
	}
}

// TestNewProjectLeavesNoStaleTraining: after New project the Train screen
// shows nothing of the previous project's run (issue 11 found its charts
// and result still there).
func TestNewProjectLeavesNoStaleTraining(t *testing.T) {
	u := readyToTrain(t, fakeengine.New())
	test.Tap(startButton(t, u))
	u.newProject()
	train := u.train.Content()
	if n := len(accuracyChart(t, u).Values(1)); n != 0 {
		t.Errorf("the accuracy chart still plots %d epochs", n)
	}
	if bars := uitest.Find[*widget.ProgressBar](train); len(bars) != 1 || bars[0].Value != 0 {
		t.Errorf("progress bars %v", bars)
	}
	for _, stale := range []string{"Finished", "75.0%", "CPU (fake", "catsdogs", "60 pictures"} {
		if uitest.HasLabel(train, stale) {
			t.Errorf("the Train screen still says %q: %q", stale, uitest.Labels(train))
		}
	}
	if !showsLabel(train, "Not started.") || !uitest.HasLabel(u.results.Content(), "Train a model to see here") {
		t.Errorf("Train says %q; Results %q", uitest.Labels(train), uitest.Labels(u.results.Content()))
	}
}
