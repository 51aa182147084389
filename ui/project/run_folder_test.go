package project

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveRunKeepsTheOthers(t *testing.T) {
	dir := t.TempDir()
	p := New()
	for _, acc := range []float64{0.5, 0.6, 0.7} {
		r := sampleRun(dir)
		r.Result.ValAccuracy = acc
		p.AddRun(r)
	}
	changes := 0
	p.SetOnChange(func() { changes++ })
	r, ok := p.RemoveRun(1)
	if !ok || r.Result.ValAccuracy != 0.6 || changes != 1 {
		t.Fatalf("removed %v (ok %v), %d changes", r.Result.ValAccuracy, ok, changes)
	}
	if runs := p.Runs(); len(runs) != 2 || runs[0].Result.ValAccuracy != 0.5 || runs[1].Result.ValAccuracy != 0.7 {
		t.Errorf("runs left: %+v", runs)
	}
	if _, ok := p.RemoveRun(2); ok {
		t.Error("removed a run that is not there")
	}
}

// TestModelFolderIsOnlyTheRunsOwn: deleting a run may remove its run-N
// folder, never a folder with pictures, another run's model or one an
// older version wrote.
func TestModelFolderIsOnlyTheRunsOwn(t *testing.T) {
	dir := t.TempDir()
	run := func(folder string) Run {
		r := sampleRun(dir)
		r.Result.ClassifierPath = filepath.Join(dir, folder, "classifier.tlc")
		return r
	}
	p := New()
	p.AddImages("cat", []string{filepath.Join(dir, "photos", "run-7", "a.jpg")})
	p.AddRun(run("pets models/run-2"))
	for folder, want := range map[string]string{
		"pets models/run-1":    filepath.Join(dir, "pets models", "run-1"),
		"pets models/run-2":    "", // another run's model lies there
		"transferlab-output":   "", // not a folder the app made
		"pets models/run-01":   "",
		"photos/run-7":         "", // a picture lies there
		"pets models/run-1/x/": "",
	} {
		if got := p.ModelFolder(run(folder)); got != want {
			t.Errorf("%s: folder %q, want %q", folder, got, want)
		}
	}
}

func TestRemoveModelFolderRefusesPictures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run-1")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "classifier.tlc"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "cat.JPG"), []byte("x"), 0o644)
	if err := RemoveModelFolder(dir); err == nil {
		t.Fatal("removed a folder holding a picture")
	}
	if _, err := os.Stat(filepath.Join(dir, "classifier.tlc")); err != nil {
		t.Errorf("a refused removal touched the model: %v", err)
	}
	os.Remove(filepath.Join(dir, "cat.JPG"))
	if err := RemoveModelFolder(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
}
