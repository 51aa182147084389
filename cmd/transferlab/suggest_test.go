package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// suggestFolders lays out catsdogs-60 as a labeller has it: ten cats and
// ten dogs in class folders, and twenty others loose in one folder, each
// named after what it really is.
func suggestFolders(t *testing.T) (data, loose string) {
	t.Helper()
	src := shareddata.Path(t, "datasets/catsdogs-60")
	data, loose = t.TempDir(), t.TempDir()
	for _, animal := range []string{"cat", "dog"} {
		if err := os.MkdirAll(filepath.Join(data, animal), 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 30; i++ {
			name := fmt.Sprintf("%s-%02d.jpg", animal, i)
			dst := filepath.Join(data, animal, name)
			if i > 20 {
				dst = filepath.Join(loose, name)
			} else if i > 10 {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(src, animal, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, raw, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return data, loose
}

type suggestionJSON struct {
	File       string  `json:"file"`
	Suggested  string  `json:"suggested"`
	Confidence float64 `json:"confidence"`
}

// rightShare reads suggest --json and counts the suggestions that name
// the animal in the file's name.
func rightShare(t *testing.T, out string) (right, total int) {
	t.Helper()
	var got []suggestionJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON list: %v\n%s", err, out)
	}
	for _, s := range got {
		if strings.HasPrefix(filepath.Base(s.File), s.Suggested+"-") {
			right++
		}
		if s.Confidence < 0.5 || s.Confidence > 1 {
			t.Errorf("%s: confidence %g", s.File, s.Confidence)
		}
	}
	return right, len(got)
}

// Each loose picture gets a class and a confidence, by the neighbours and
// by a classifier trained on the labelled ones; the text lists the surest
// first; no picture is moved or changed.
func TestSuggestNamesEachLoosePicture(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data, loose := suggestFolders(t)
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	before := shareddata.FileState(t, filepath.Join(loose, "cat-21.jpg"))
	out, _, err := runCLI(t, "suggest", "--data", data, "--unlabelled", loose, "--model", "squeezenet1_1", "--weights", pth, "--json")
	if err != nil {
		t.Fatal(err)
	}
	if right, total := rightShare(t, out); total != 20 || right < 18 {
		t.Errorf("neighbours: %d of %d right", right, total)
	}
	out, _, err = runCLI(t, "suggest", "--data", data, "--unlabelled", loose, "--weights", pth)
	if err != nil || !strings.HasPrefix(out, "20 suggestions by their nearest labelled neighbours, ") {
		t.Fatalf("%v: %q", err, out)
	}
	lines := strings.Split(out, "\n")
	var first, last float64
	fmt.Sscanf(strings.TrimSpace(lines[1]), "%g%%", &first)
	fmt.Sscanf(strings.TrimSpace(lines[20]), "%g%%", &last)
	if first < last || first < 80 {
		t.Errorf("not the surest first: %q ... %q", lines[1], lines[20])
	}

	models := t.TempDir()
	if _, stderr, err := runCLI(t, "train", "--data", data, "--model", "squeezenet1_1", "--weights", pth, "--case", "1",
		"--device", "cpu", "--out", models); err != nil {
		t.Fatalf("train: %v\n%s", err, stderr)
	}
	clf := filepath.Join(models, "classifier.tlc")
	out, _, err = runCLI(t, "suggest", "--data", data, "--unlabelled", loose, "--classifier", clf, "--weights", pth, "--json")
	if err != nil {
		t.Fatal(err)
	}
	// It learned from 16 of the 20 labelled pictures (4 checked it): 17 right here.
	if right, total := rightShare(t, out); total != 20 || right < 16 {
		t.Errorf("classifier: %d of %d right", right, total)
	}
	out, _, err = runCLI(t, "suggest", "--data", data, "--unlabelled", loose, "--classifier", clf, "--weights", pth)
	if err != nil || !strings.HasPrefix(out, "20 suggestions by the trained classifier") {
		t.Errorf("%v: %q", err, out)
	}
	if shareddata.FileState(t, filepath.Join(loose, "cat-21.jpg")) != before {
		t.Error("a loose picture changed")
	}
}

// A dog filed with the cats is named on stderr beside the JSON.
func TestSuggestNamesAWrongLabel(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data, loose := suggestFolders(t)
	wrong := filepath.Join(data, "cat", "dog-in-cats.jpg")
	if err := os.Rename(filepath.Join(loose, "dog-30.jpg"), wrong); err != nil {
		t.Fatal(err)
	}
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	_, stderr, err := runCLI(t, "suggest", "--data", data, "--unlabelled", loose, "--weights", pth, "--json")
	if err != nil || !strings.Contains(stderr, "likely mislabelled: "+wrong+" is labelled cat; its neighbours say dog") {
		t.Errorf("%v: %q", err, stderr)
	}
}

func TestSuggestRejectsBadInputs(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data, loose := suggestFolders(t)
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	for _, c := range []struct {
		name    string
		args    []string
		mention string
	}{
		{"no unlabelled folder", []string{"--data", data}, "--data and --unlabelled are required"},
		{"one class", []string{"--data", filepath.Join(data, "cat"), "--unlabelled", loose, "--weights", pth}, "at least two classes"},
		{"nothing to suggest for", []string{"--data", data, "--unlabelled", t.TempDir(), "--weights", pth}, "holds no pictures"},
		{"weights of another network", []string{"--data", data, "--unlabelled", loose, "--model", "resnet18", "--weights", pth}, "squeezenet1_1-imagenet.pth"},
		{"no weights here", []string{"--data", data, "--unlabelled", loose, "--model", "resnet18"}, "transferlab models fetch resnet18"},
		{"unknown network", []string{"--data", data, "--unlabelled", loose, "--model", "lenet"}, "unknown network"},
		{"stray argument", []string{"--data", data, "--unlabelled", loose, "extra"}, "unexpected argument"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runCLI(t, append([]string{"suggest"}, c.args...)...)
			if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), c.mention) {
				t.Errorf("want one line mentioning %q, got %v", c.mention, err)
			}
		})
	}
}
