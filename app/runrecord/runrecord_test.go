package runrecord

import (
	"context"
	"reflect"
	"testing"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/session"
	"transferlab/engine/train"
	"transferlab/internal/shareddata"
	"transferlab/ui/project"
)

// A real run (catsdogs-60, case 1, 64 pixels, 2 epochs) recorded in a
// project survives saving and loading unchanged, with every figure the
// screens show taken from the engine's result.
func TestARealRunSurvivesTheProjectFile(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	s, err := session.Open()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), 0.2, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := train.Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Epochs: 2, ValFraction: 0.2, Seed: 1, Transform: imageprep.ImageNetAt(64)}
	job := session.Job{Config: cfg, Data: ds, Weights: shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), OutDir: t.TempDir(), Device: device.CPU}
	trained, err := s.Train(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := trained.Result
	run := Run(cfg, job.Device, res, trained.Path, time.Date(2026, 12, 4, 21, 0, 0, 0, time.UTC))
	got := run.Result
	if got.ValAccuracy != res.Accuracy || got.BestEpoch != res.BestEpoch || len(got.History) != len(res.History) ||
		len(got.Predictions) != len(ds.Val) || got.ClassifierPath != trained.Path || got.Device != res.Device {
		t.Fatalf("recorded %+v from %+v", got, res)
	}
	for c, pc := range res.PerClass {
		if got.Precision[c] != pc.Precision || got.Recall[c] != pc.Recall {
			t.Errorf("class %s: precision %.3f recall %.3f, engine says %.3f %.3f", pc.Class, got.Precision[c], got.Recall[c], pc.Precision, pc.Recall)
		}
	}

	p := project.New()
	p.AddRun(run)
	dir := t.TempDir()
	data, err := p.Marshal(dir)
	if err != nil {
		t.Fatal(err)
	}
	back, err := project.Unmarshal(data, dir)
	if err != nil {
		t.Fatal(err)
	}
	if notes := back.LoadNotes(); len(notes) > 0 {
		t.Fatalf("the project left the run out: %q", notes)
	}
	if reloaded := *back.LastRun(); !reflect.DeepEqual(reloaded, run) {
		t.Errorf("after saving and loading:\n%+v\nwant\n%+v", reloaded, run)
	}
}

// Settings give back what the app's settings would have asked for: 0 for
// the network's own picture size and automatic values, the device named.
func TestSettingsAreTheAppsChoices(t *testing.T) {
	for _, c := range []struct {
		size, want int
		where      device.Choice
		device     string
	}{
		{0, 0, "", "auto"},
		{224, 0, device.GPU, "gpu"}, // the same transform as the network's own
		{64, 64, device.CPU, "cpu"},
	} {
		cfg := train.Config{Network: "resnet18", Case: cases.FineTune, Epochs: 7, LR: 0.01, Batch: 16, ValFraction: 0.3, Seed: 9, Augment: true,
			Transform: imageprep.ImageNetAt(c.size)}
		s := Settings(cfg, c.where)
		want := project.Settings{Network: "resnet18", Case: cases.FineTune, Epochs: 7, LearningRate: 0.01, BatchSize: 16, ValShare: 0.3,
			Augment: true, Seed: 9, Device: c.device, ImageSize: c.want}
		if s != want {
			t.Errorf("size %d on %q: %+v, want %+v", c.size, c.where, s, want)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("the app refuses its own settings: %v", err)
		}
	}
}
