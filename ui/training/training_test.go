package training

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/project"
)

func TestTrainShowsProgressChartsAndResults(t *testing.T) {
	eng := fakeengine.New()
	b, tr := readyToTrain(t, eng)
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
	if req.Network != "squeezenet1_1" || req.Case != cases.FrozenBackbone || req.Epochs != 5 || len(req.Classes) != 2 || len(req.Classes[1].Images) != 30 || req.OutDir != filepath.Join(tr.workDir, "run-1") {
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
	if b.Shown != host.Results {
		t.Errorf("after training screen %d is shown, want Results", b.Shown)
	}
}

func TestStopBeforeFirstEpochKeepsNothing(t *testing.T) {
	eng := fakeengine.New()
	b, tr := readyToTrain(t, eng)
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseFeatures && ev.Done == 20 {
			test.Tap(tr.stopB)
		}
	}
	test.Tap(tr.start)
	if tr.phase.Text != "Stopped before the first epoch finished; no model was kept." {
		t.Errorf("phase = %q", tr.phase.Text)
	}
	if b.Store.Run() != nil || b.Win.Canvas().Overlays().Top() != nil {
		t.Error("a stop before the first epoch produced a result or an error dialog")
	}
}

// TestTrainingShowsTheEnginesRefusal: a setting the engine refuses for
// this network and case blocks Start with the engine's sentence.
func TestTrainingShowsTheEnginesRefusal(t *testing.T) {
	eng := fakeengine.New()
	b, tr := readyToTrain(t, eng)
	if tr.start.Disabled() {
		t.Fatalf("not ready before the refusal: %q", tr.summary.Text)
	}
	eng.CheckErr = errors.New("picture size 40 is too small for alexnet")
	settle(t, b, func(s *project.Settings) { s.Seed = 2 })
	if tr.summary.Text != "Not ready: picture size 40 is too small for alexnet" || !tr.start.Disabled() {
		t.Errorf("summary %q, start disabled %v", tr.summary.Text, tr.start.Disabled())
	}
}

func TestTrainingNeedsWeightsAndTwoClasses(t *testing.T) {
	b, tr := newBench(t, fakeengine.New())
	b.AddPictures(t, catsDogs(t)+"/cat")
	if !strings.HasPrefix(tr.summary.Text, "Not ready: Training needs at least 2 classes") || !tr.start.Disabled() {
		t.Errorf("one class: %q", tr.summary.Text)
	}
	b.AddPictures(t, catsDogs(t)+"/dog")
	settle(t, b, func(s *project.Settings) { s.Network = "resnet18" }) // no weights
	if tr.summary.Text != "Not ready: case 1 needs the pretrained weights of ResNet-18: download or import them on the Model screen" {
		t.Errorf("no weights: %q", tr.summary.Text)
	}
	settle(t, b, func(s *project.Settings) { s.Case = cases.FromScratch })
	if tr.start.Disabled() {
		t.Errorf("case 4 from scratch blocked: %q", tr.summary.Text)
	}
}

func TestAutomaticScheduleAndPictureSize(t *testing.T) {
	eng := fakeengine.New()
	b, tr := newBench(t, eng)
	b.AddPictures(t, catsDogs(t))
	settle(t, b, func(s *project.Settings) { s.Case, s.ImageSize = cases.FromScratch, 64 })
	want := "SqueezeNet 1.1, case 4 (Many pictures, unusual subjects): 60 pictures in 2 classes scaled to 64×64 pixels, " +
		"as many epochs as it takes (chosen automatically), 20% kept aside to check the model."
	if tr.summary.Text != want {
		t.Errorf("summary = %q, want %q", tr.summary.Text, want)
	}
	var lines []string
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch {
			lines = append(lines, tr.phase.Text)
		}
	}
	test.Tap(tr.start)
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "Training: epoch 1 of at most 4 done") {
		t.Errorf("progress lines %q: the engine's epoch count is an upper bound", lines)
	}
	req := eng.Requests[0]
	if req.Epochs != 0 || req.BatchSize != 0 || req.LearningRate != 0 || req.ImageSize != 64 || req.Case != cases.FromScratch {
		t.Errorf("request = %+v, want an automatic schedule at 64 pixels", req)
	}
	if got := len(tr.acc.Values(1)); got != 4 || b.Store.Run() == nil {
		t.Errorf("plotted %d epochs (want the 4 the engine chose), result %v", got, b.Store.Run() != nil)
	}
}
