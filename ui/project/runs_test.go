package project

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"transferlab/engine/cases"
	"transferlab/ui"
)

// sampleRun is a small finished run whose classifier and pictures lie in dir.
func sampleRun(dir string) Run {
	return Run{
		Network: "squeezenet1_1", Case: cases.FrozenBackbone, Settings: DefaultSettings(),
		Finished: time.Date(2026, 12, 4, 10, 30, 0, 0, time.UTC),
		Result: ui.TrainResult{
			Classes: []string{"cat", "dog"},
			History: []ui.EpochStats{
				{Epoch: 1, TrainLoss: 0.7, ValLoss: math.NaN(), TrainAcc: 0.5, ValAcc: 0.5, Seconds: 1.25},
				{Epoch: 2, TrainLoss: 0.4, ValLoss: 0.5, TrainAcc: 0.8, ValAcc: 0.75, Seconds: 1.5},
			},
			BestEpoch: 2, Confusion: [][]int{{1, 1}, {0, 2}}, ValAccuracy: 0.75,
			Precision: []float64{1, 2.0 / 3}, Recall: []float64{0.5, 1},
			Predictions: []ui.ImagePrediction{
				{Path: filepath.Join(dir, "photos", "cat", "a.jpg"), True: 0, Predicted: 1, Probs: []float64{0.3, 0.7}},
				{Path: filepath.Join(dir, "photos", "dog", "b.jpg"), True: 1, Predicted: 1, Probs: []float64{0.1, 0.9}},
			},
			ClassifierPath: filepath.Join(dir, "pets models", "run-1", "classifier.tlc"),
			Device:         "CPU (2 cores)",
			Seconds:        4.5,
			Test:           &ui.TestFigures{Pictures: 3, Accuracy: 2.0 / 3, Confusion: [][]int{{1, 0}, {1, 1}}},
		},
	}
}

func TestRunsSurviveSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	p := New()
	p.AddImages("cat", []string{filepath.Join(dir, "photos", "cat", "a.jpg")})
	want := sampleRun(dir)
	p.AddRun(want)
	path := filepath.Join(dir, "pets"+Extension)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), `"classifier": "pets models/run-1/classifier.tlc"`) || !strings.Contains(string(raw), `"version": 2`) {
		t.Errorf("the run's classifier is not stored relative, or the version is not 2:\n%s", raw)
	}

	// The folder moves to another computer: every path follows it.
	moved := filepath.Join(t.TempDir(), "copy")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	q, err := Load(filepath.Join(moved, "pets"+Extension))
	if err != nil {
		t.Fatal(err)
	}
	got := q.LastRun()
	if got == nil || len(q.Runs()) != 1 {
		t.Fatalf("runs after loading: %d", len(q.Runs()))
	}
	if !math.IsNaN(got.Result.History[0].ValLoss) {
		t.Errorf("a NaN loss came back as %v", got.Result.History[0].ValLoss)
	}
	got.Result.History[0].ValLoss, want.Result.History[0].ValLoss = 0, 0 // NaN != NaN
	want = sampleRun(moved)
	want.Result.History[0].ValLoss = 0
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("run after loading:\n got %+v\nwant %+v", *got, want)
	}
}

// TestVersion1FileOpens reads a project file written by the version before
// runs were kept (testdata/version1.tlproj, made by that code).
func TestVersion1FileOpens(t *testing.T) {
	p, err := Load(filepath.Join("testdata", "version1.tlproj"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Classes(), []string{"cat", "dog"}) || len(p.ImagesOf("cat")) != 2 || len(p.Images()) != 5 {
		t.Errorf("classes %v, %d cats, %d pictures", p.Classes(), len(p.ImagesOf("cat")), len(p.Images()))
	}
	if im, ok := p.Image(filepath.Join("testdata", "photos", "dog", "dog2.jpg")); !ok || !im.Excluded || im.Class != "dog" {
		t.Errorf("the excluded dog: %+v (found %v)", im, ok)
	}
	if s := p.Settings(); s.Case != cases.FrozenBackbone || s.Epochs != 12 || s.Seed != 7 {
		t.Errorf("settings %+v", s)
	}
	if p.LastRun() != nil || p.LoadNotes() != nil {
		t.Errorf("a version 1 file has no runs: %v, notes %v", p.LastRun(), p.LoadNotes())
	}
}

// TestVersion2FileOpens reads a project file written by the code of
// 2026-12-04 (testdata/version2.tlproj, before test shares and lessons):
// its pictures, exclusions, settings and run come back, paths resolved
// beside the file, with no test share and no test figures.
func TestVersion2FileOpens(t *testing.T) {
	p, err := Load(filepath.Join("testdata", "version2.tlproj"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Classes(), []string{"cat", "dog"}) || len(p.Images()) != 4 {
		t.Errorf("classes %v, %d pictures", p.Classes(), len(p.Images()))
	}
	if im, ok := p.Image(filepath.Join("testdata", "photos", "dog", "dog2.jpg")); !ok || !im.Excluded {
		t.Errorf("the excluded dog: %+v (found %v)", im, ok)
	}
	if s := p.Settings(); s.Case != cases.FineTune || s.Epochs != 3 || s.TestShare != 0 {
		t.Errorf("settings %+v", s)
	}
	r := p.LastRun()
	if r == nil || len(p.Runs()) != 1 || p.LoadNotes() != nil {
		t.Fatalf("runs %d, notes %v", len(p.Runs()), p.LoadNotes())
	}
	res := r.Result
	if res.ValAccuracy != 1 || res.BestEpoch != 2 || len(res.History) != 2 || res.Test != nil ||
		res.ClassifierPath != filepath.Join("testdata", "pets models", "run-1", "classifier.tlc") {
		t.Errorf("run %+v", res)
	}
}

func TestARunThatDoesNotFitIsLeftOutWithANote(t *testing.T) {
	dir := t.TempDir()
	p := New()
	p.AddClass("cat")
	bad := sampleRun(dir)
	bad.Result.Confusion = [][]int{{1}}
	nameless := sampleRun(dir) // found by FuzzLoadProject: "" resolved to the project's folder
	nameless.Result.ClassifierPath = ""
	p.AddRun(sampleRun(dir))
	p.AddRun(bad)
	p.AddRun(nameless)
	data, err := p.Marshal(dir)
	if err != nil {
		t.Fatal(err)
	}
	q, err := Unmarshal(data, dir)
	if err != nil {
		t.Fatalf("one bad run refused the whole file: %v", err)
	}
	notes := q.LoadNotes()
	if len(q.Runs()) != 1 || len(notes) != 2 || !strings.Contains(notes[0], "training run 2") ||
		!strings.Contains(notes[1], "training run 3") || !strings.Contains(notes[1], "names no classifier file") {
		t.Errorf("%d runs, notes %q", len(q.Runs()), notes)
	}
	if !slices.Equal(q.Classes(), []string{"cat"}) {
		t.Errorf("classes %v", q.Classes())
	}
}
