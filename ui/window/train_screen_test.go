package window

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

// readyToTrain adds catsdogs-60, picks SqueezeNet (weights present), case
// 1, 5 epochs of batches of 16, and opens the Train screen.
func readyToTrain(t *testing.T, eng *fakeengine.Engine, opts ...Option) *App {
	t.Helper()
	u := newTestApp(t, eng, opts...)
	drop(u, catsDogs(t))
	u.selectTab(host.Model)
	u.model.list.Select(1)
	u.model.cases.SetSelected("Case 1: Few pictures, everyday subjects")
	u.model.form.epochs.SetText("5")
	u.model.form.batch.SetText("16")
	u.selectTab(host.Train)
	return u
}

func TestTrainShowsProgressChartsAndResults(t *testing.T) {
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	tr := u.train
	want := "SqueezeNet 1.1, case 1 (Few pictures, everyday subjects): 60 pictures in 2 classes, 5 epochs, 20% kept aside to check the model."
	if tr.summary.Text != want || tr.start.Disabled() {
		t.Fatalf("summary %q (start enabled %v), want %q", tr.summary.Text, !tr.start.Disabled(), want)
	}
	var during []string
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 2 {
			during = append(during, tr.phase.Text)
			if tr.progress.Value != 0.4 {
				t.Errorf("progress after epoch 2 = %v, want 0.4", tr.progress.Value)
			}
			if tr.stopB.Disabled() || !tr.start.Disabled() {
				t.Error("while training, Stop must be enabled and Start disabled")
			}
		}
		if ev.Phase == ui.PhaseFeatures && ev.Done == 30 {
			during = append(during, tr.phase.Text)
		}
	}
	test.Tap(tr.start)

	wantDuring := []string{
		"Step 1 of 2: passing pictures through the pretrained network (30 of 60), a few seconds left",
		"Training: epoch 2 of 5 done, validation accuracy 70.0%, about 10 seconds left",
	}
	if !slices.Equal(during, wantDuring) {
		t.Errorf("progress lines = %q, want %q", during, wantDuring)
	}
	req := eng.Requests[0]
	if req.Network != "squeezenet1_1" || req.Case != cases.FrozenBackbone || req.Epochs != 5 || len(req.Classes) != 2 || len(req.Classes[1].Images) != 30 || req.OutDir != u.cfg.workDir {
		t.Errorf("request = %+v", req)
	}
	if got := tr.loss.Values(0); !slices.Equal(got, []float64{1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6}) {
		t.Errorf("train loss plotted = %v", got)
	}
	var valAcc []float64
	for e := 1; e <= 5; e++ {
		valAcc = append(valAcc, fakeengine.Epoch(e).ValAcc)
	}
	if got := tr.acc.Values(1); !slices.Equal(got, valAcc) {
		t.Errorf("validation accuracy plotted = %v", got)
	}
	if tr.device.Text != "Device: CPU (fake, 2 cores)" {
		t.Errorf("device = %q", tr.device.Text)
	}
	if tr.progress.Value != 1 || tr.phase.Text != "Finished: validation accuracy 75.0%." {
		t.Errorf("end: progress %v, phase %q", tr.progress.Value, tr.phase.Text)
	}
	if u.screen() != host.Results {
		t.Errorf("after training the %q screen is shown, want Results", u.tabs.Selected().Text)
	}
}

func TestStopKeepsBestModel(t *testing.T) {
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 4 {
			u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
	}
	test.Tap(u.train.start)
	want := "Stopped by you; kept the best model so far (epoch 3, validation accuracy 75.0%)."
	if u.train.phase.Text != want {
		t.Errorf("phase = %q, want %q", u.train.phase.Text, want)
	}
	if len(u.train.acc.Values(1)) != 4 {
		t.Errorf("plotted %d epochs, want 4", len(u.train.acc.Values(1)))
	}
	if !uitest.HasLabel(u.results.Content(), "(stopped early; the model of epoch 3 is kept)") {
		t.Errorf("results say %q", uitest.Labels(u.results.Content()))
	}
	if u.train.running() || u.train.start.Disabled() {
		t.Error("training still marked running after the stop")
	}
}

func TestStopBeforeFirstEpochKeepsNothing(t *testing.T) {
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseFeatures && ev.Done == 20 {
			test.Tap(u.train.stopB)
		}
	}
	test.Tap(u.train.start)
	if u.train.phase.Text != "Stopped before the first epoch finished; no model was kept." {
		t.Errorf("phase = %q", u.train.phase.Text)
	}
	if u.store.Run() != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Error("a stop before the first epoch produced a result or an error dialog")
	}
}

func TestTrainingNeedsWeightsAndTwoClasses(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t)+"/cat")
	u.selectTab(host.Train)
	if !strings.HasPrefix(u.train.summary.Text, "Not ready: Training needs at least 2 classes") || !u.train.start.Disabled() {
		t.Errorf("one class: %q", u.train.summary.Text)
	}
	drop(u, catsDogs(t)+"/dog")
	u.model.list.Select(0) // resnet18, no weights
	u.selectTab(host.Train)
	if u.train.summary.Text != "Not ready: case 1 needs the pretrained weights of ResNet-18: download or import them on the Model screen" {
		t.Errorf("no weights: %q", u.train.summary.Text)
	}
	u.model.cases.SetSelected("Case 4: Many pictures, unusual subjects")
	u.selectTab(host.Train)
	if u.train.start.Disabled() {
		t.Errorf("case 4 from scratch blocked: %q", u.train.summary.Text)
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
	test.Tap(u.train.start)
	if u.store.Run() != nil || !uitest.HasLabel(u.results.Content(), "Train a model to see here") {
		t.Error("the old project's result was shown on the new project")
	}
	if u.train.phase.Text != "Training stopped because another project was opened." {
		t.Errorf("phase = %q", u.train.phase.Text)
	}
	if u.train.running() {
		t.Error("still running")
	}
}

func TestAutomaticScheduleAndPictureSize(t *testing.T) {
	eng := fakeengine.New()
	u := newTestApp(t, eng)
	drop(u, catsDogs(t))
	u.selectTab(host.Model)
	u.model.cases.SetSelected("Case 4: Many pictures, unusual subjects")
	u.model.form.size.SetText("64")
	u.selectTab(host.Train)
	want := "SqueezeNet 1.1, case 4 (Many pictures, unusual subjects): 60 pictures in 2 classes scaled to 64×64 pixels, " +
		"as many epochs as it takes (chosen automatically), 20% kept aside to check the model."
	if u.train.summary.Text != want {
		t.Errorf("summary = %q, want %q", u.train.summary.Text, want)
	}
	var lines []string
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch {
			lines = append(lines, u.train.phase.Text)
		}
	}
	test.Tap(u.train.start)
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "Training: epoch 1 of at most 4 done") {
		t.Errorf("progress lines %q: the engine's epoch count is an upper bound", lines)
	}
	req := eng.Requests[0]
	if req.Epochs != 0 || req.BatchSize != 0 || req.LearningRate != 0 || req.ImageSize != 64 || req.Case != cases.FromScratch {
		t.Errorf("request = %+v, want an automatic schedule at 64 pixels", req)
	}
	if got := len(u.train.acc.Values(1)); got != 4 || u.store.Run() == nil {
		t.Errorf("plotted %d epochs (want the 4 the engine chose), result %v", got, u.store.Run() != nil)
	}
}
