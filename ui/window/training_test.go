package window

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/chart"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

// startButton is the Train screen's Start button.
func startButton(t *testing.T, u *App) *widget.Button {
	t.Helper()
	return uitest.Button(t, u.train.Content(), "Start training")
}

// accuracyChart is the Train screen's accuracy chart (after the loss).
func accuracyChart(t *testing.T, u *App) *chart.Line {
	t.Helper()
	charts := uitest.Find[*chart.Line](u.train.Content())
	if len(charts) != 2 {
		t.Fatalf("the Train screen has %d charts, want loss and accuracy", len(charts))
	}
	return charts[1]
}

// readyToTrain adds catsdogs-60, picks SqueezeNet (weights present), case
// 1, 5 epochs of batches of 16, and opens the Train screen.
func readyToTrain(t *testing.T, eng *fakeengine.Engine, opts ...Option) *App {
	t.Helper()
	u := newTestApp(t, eng, opts...)
	uitest.Drop(u, catsDogs(t))
	chooseNetwork(t, u, 1)
	uitest.ChooseCase(t, u, cases.FrozenBackbone)
	uitest.SetAdvanced(t, u, "Epochs", "5")
	uitest.SetAdvanced(t, u, "Batch size", "16")
	u.selectTab(host.Train)
	return u
}

func TestStopKeepsBestModel(t *testing.T) {
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 4 {
			u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	test.Tap(startButton(t, u))
	want := "Stopped by you; kept the best model so far (epoch 3, validation accuracy 75.0%)."
	if !showsLabel(u.train.Content(), want) {
		t.Errorf("train screen says %q, want %q", uitest.Labels(u.train.Content()), want)
	}
	if len(accuracyChart(t, u).Values(1)) != 4 {
		t.Errorf("plotted %d epochs, want 4", len(accuracyChart(t, u).Values(1)))
	}
	if !uitest.HasLabel(u.results.Content(), "(stopped early; the model of epoch 3 is kept)") {
		t.Errorf("results say %q", uitest.Labels(u.results.Content()))
	}
	if u.train.Running() || startButton(t, u).Disabled() {
		t.Error("training still marked running after the stop")
	}
}

func TestOpeningAnotherProjectDropsTheRunningTraining(t *testing.T) {
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 2 {
			u.newProject()
		}
	}
	test.Tap(startButton(t, u))
	if u.store.Run() != nil || !uitest.HasLabel(u.results.Content(), "Train a model to see here") {
		t.Error("the old project's result was shown on the new project")
	}
	if !showsLabel(u.train.Content(), "Training stopped because another project was opened.") {
		t.Errorf("train screen says %q", uitest.Labels(u.train.Content()))
	}
	if u.train.Running() {
		t.Error("still running")
	}
}
