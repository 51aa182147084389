package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/project"
)

// trainInto trains catsdogs-60 in case 1 (quick) with --project and
// returns what train --json printed.
func trainInto(t *testing.T, proj string, extra ...string) cliRecorded {
	t.Helper()
	args := append([]string{"train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1",
		"--device", "cpu", "--project", proj, "--json"}, extra...)
	out, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("train --project: %v\n%s", err, stderr)
	}
	var r cliRecorded
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("train --json printed no JSON: %v\n%s", err, out)
	}
	return r
}

type cliRecorded struct {
	Accuracy   float64 `json:"val_accuracy"`
	BestEpoch  int     `json:"best_epoch"`
	Classifier string  `json:"classifier"`
	Project    string  `json:"project"`
	Run        int     `json:"run"`
}

type cliRuns struct {
	Runs []struct {
		Index            int        `json:"index"`
		Network          string     `json:"network"`
		Case             cases.Case `json:"case"`
		ValAccuracy      float64    `json:"val_accuracy"`
		BestEpoch        int        `json:"best_epoch"`
		Epochs           int        `json:"epochs"`
		Seconds          float64    `json:"seconds"`
		Device           string     `json:"device"`
		Classifier       string     `json:"classifier"`
		ClassifierExists bool       `json:"classifier_exists"`
		Settings         struct {
			Epochs    int `json:"epochs"`
			ImageSize int `json:"image_size"`
		} `json:"settings"`
	} `json:"runs"`
}

func listRuns(t *testing.T, proj string) cliRuns {
	t.Helper()
	out, _, err := runCLI(t, "runs", "--project", proj, "--json")
	if err != nil {
		t.Fatalf("runs: %v", err)
	}
	var r cliRuns
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("runs --json printed no JSON: %v\n%s", err, out)
	}
	return r
}

// Two runs into a new project file, at 224 and 64 pixels (different
// accuracies): the first makes the project (the pictures labelled, the
// run's settings), the second is added to it; each
// classifier goes in a run-N folder of "<project> models", where the app
// puts them, and runs lists both with the accuracies train printed. The
// project loads as the app loads it.
func TestTrainRecordsItsRunsInAProject(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	proj := filepath.Join(t.TempDir(), "pets"+project.Extension)
	first := trainInto(t, proj, "--epochs", "3")
	second := trainInto(t, proj, "--epochs", "4", "--image-size", "64")
	if first.Accuracy == second.Accuracy {
		t.Fatalf("both runs reached %.4f: the test cannot tell them apart", first.Accuracy)
	}
	models := filepath.Join(filepath.Dir(proj), "pets models")
	for i, r := range []cliRecorded{first, second} {
		want := filepath.Join(models, fmt.Sprintf("run-%d", i+1), "classifier.tlc")
		if r.Classifier != want || r.Project != proj || r.Run != i+1 {
			t.Errorf("run %d: recorded as run %d in %s with %s; want run %d in %s with %s", i+1, r.Run, r.Project, r.Classifier, i+1, proj, want)
		}
	}

	listed := listRuns(t, proj)
	if len(listed.Runs) != 2 {
		t.Fatalf("runs lists %d runs, want 2", len(listed.Runs))
	}
	for i, r := range []cliRecorded{first, second} {
		got := listed.Runs[i]
		t.Logf("run %d: accuracy %.4f, best epoch %d of %d, %.3f s, %s", got.Index, got.ValAccuracy, got.BestEpoch, got.Epochs, got.Seconds, got.Device)
		if got.Index != i+1 || got.ValAccuracy != r.Accuracy || got.BestEpoch != r.BestEpoch || got.Classifier != r.Classifier ||
			!got.ClassifierExists || got.Network != "squeezenet1_1" || got.Case != cases.FrozenBackbone || got.Device == "" || got.Seconds <= 0 {
			t.Errorf("runs lists %+v for a run train reported as %+v", got, r)
		}
		if size := []int{0, 64}[i]; got.Settings.Epochs != 3+i || got.Settings.ImageSize != size {
			t.Errorf("run %d settings %+v, want %d epochs at image size %d", i+1, got.Settings, 3+i, size)
		}
	}

	p, err := project.Load(proj)
	if err != nil {
		t.Fatal(err)
	}
	if notes := p.LoadNotes(); len(notes) > 0 {
		t.Errorf("loading left out %q", notes)
	}
	last := p.LastRun()
	if _, err := os.Stat(last.Result.ClassifierPath); err != nil || last.Result.ValAccuracy != second.Accuracy {
		t.Errorf("last run: classifier %s (%v), accuracy %.4f", last.Result.ClassifierPath, err, last.Result.ValAccuracy)
	}
	labelled := map[string]int{}
	for _, im := range p.Images() {
		labelled[im.Class]++
	}
	if !slices.Equal(p.Classes(), []string{"cat", "dog"}) || labelled["cat"] != 30 || labelled["dog"] != 30 {
		t.Errorf("project classes %q, labelled pictures %v; want 30 cats and 30 dogs", p.Classes(), labelled)
	}
	if s := p.Settings(); s.Case != cases.FrozenBackbone || s.Epochs != 3 || s.ImageSize != 0 || s.Device != "cpu" {
		t.Errorf("the new project's settings %+v are not the first run's", s)
	}

	text, _, err := runCLI(t, "runs", "--project", proj)
	if err != nil || !strings.Contains(text, "epochs 4, batch auto") || !strings.Contains(text, second.Classifier) {
		t.Errorf("runs (%v) printed:\n%s", err, text)
	}
}

// --out wins over the project's layout; the run records where the
// classifier really is. A new project's name gets the extension, as in
// the app.
func TestTrainIntoAProjectWithOut(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	dir := t.TempDir()
	proj := filepath.Join(dir, "pets"+project.Extension)
	out := filepath.Join(t.TempDir(), "mine")
	r := trainInto(t, filepath.Join(dir, "pets"), "--epochs", "1", "--image-size", "64", "--out", out)
	if r.Classifier != filepath.Join(out, "classifier.tlc") || r.Project != proj {
		t.Errorf("classifier %s in project %s, want it in %s and %s", r.Classifier, r.Project, out, proj)
	}
	if got := listRuns(t, filepath.Join(dir, "pets")).Runs; len(got) != 1 || got[0].Classifier != r.Classifier || !got[0].ClassifierExists {
		t.Errorf("runs lists %+v", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries beside the project, want only the project: --out was given", len(entries))
	}
}

// A file that is not a project (notes, a project of a newer version) is
// refused before any training, with one line naming it, and is left as it
// was; so is a project that runs cannot read.
func TestProjectFilesThatAreNotProjectsAreRefusedUntouched(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.txt")
	newer := filepath.Join(dir, "newer"+project.Extension)
	os.WriteFile(notes, []byte("shopping: milk, eggs\n"), 0o644)
	os.WriteFile(newer, []byte(`{"format": "transferlab-project", "version": 99, "classes": []}`), 0o644)
	for _, file := range []string{notes, newer} {
		before := shareddata.FileState(t, file)
		_, stderr, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
			"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
			"--image-size", "64", "--project", file)
		if err == nil || !strings.Contains(err.Error(), file+" cannot be used as a project") || strings.Contains(err.Error(), "\n") {
			t.Errorf("train --project %s: %v", filepath.Base(file), err)
		}
		if strings.Contains(stderr, "epoch") || strings.Contains(stderr, "checking images") {
			t.Errorf("train read pictures or trained before refusing %s:\n%s", filepath.Base(file), stderr)
		}
		if shareddata.FileState(t, file) != before {
			t.Errorf("%s was changed", filepath.Base(file))
		}
		_, _, err = runCLI(t, "runs", "--project", file)
		if err == nil || !strings.Contains(err.Error(), file+" cannot be read as a project") || strings.Contains(err.Error(), "\n") {
			t.Errorf("runs --project %s: %v", filepath.Base(file), err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries in the folder, want only the two files", len(entries))
	}

	missing := filepath.Join(dir, "none"+project.Extension)
	if _, _, err := runCLI(t, "runs", "--project", missing); err == nil || err.Error() != "runs: there is no project file "+missing {
		t.Errorf("runs on a missing file: %v", err)
	}
	nowhere := filepath.Join(dir, "no-such-folder", "pets"+project.Extension)
	_, _, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--case", "1", "--project", nowhere)
	if err == nil || !strings.Contains(err.Error(), "its folder") {
		t.Errorf("train into a project in a missing folder: %v", err)
	}
	// The engine trains at 32 pixels, the app's settings stop at 64: a
	// new project could not keep the run's settings, so nothing trains.
	_, _, err = runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--case", "1", "--image-size", "32", "--project", filepath.Join(dir, "small"))
	if err == nil || !strings.Contains(err.Error(), "the project cannot keep this run's settings: picture size must be between 64") {
		t.Errorf("train at 32 pixels into a new project: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d entries in the folder after the refusals, want the two files", len(entries))
	}
}

// A project saved before any training lists no runs: a sentence, and an
// empty list in JSON.
func TestRunsOfAProjectWithoutRuns(t *testing.T) {
	proj := filepath.Join(t.TempDir(), "empty"+project.Extension)
	if err := project.New().Save(proj); err != nil {
		t.Fatal(err)
	}
	if text, _, err := runCLI(t, "runs", "--project", proj); err != nil || text != "no training runs in this project yet\n" {
		t.Errorf("runs: %q (%v)", text, err)
	}
	if out, _, err := runCLI(t, "runs", "--project", proj, "--json"); err != nil || strings.Join(strings.Fields(out), "") != `{"runs":[]}` {
		t.Errorf("runs --json: %q (%v)", out, err)
	}
}
