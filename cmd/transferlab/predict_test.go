package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// predict --classifier --json gives every picture's entry a none_of_these:
// the ants/bees model flags most ImageNet photos (none is an ant or a bee),
// an unreadable picture gets false beside its error, and the table says
// "none of these" under each flagged picture. ImageNet answers have no
// such field: the 1000 classes are all the network knows.
func TestPredictSaysNoneOfThese(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a classifier on 398 pictures; covered by the full (non -short) pass")
	}
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	weights := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	out := t.TempDir()
	if _, stderr, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/hymenoptera"), "--model", "squeezenet1_1",
		"--weights", weights, "--case", "1", "--device", "cpu", "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	photos, err := filepath.Glob(filepath.Join(shareddata.Path(t, "images/imagenet-samples"), "*.*g"))
	if err != nil || len(photos) < 10 {
		t.Fatalf("%d photos: %v", len(photos), err)
	}
	bmp, _ := filepath.Glob(filepath.Join(shareddata.Path(t, "images/imagenet-samples"), "*.bmp"))
	photos = append(photos, bmp...)
	bad := filepath.Join(t.TempDir(), "broken.jpg")
	if err := os.WriteFile(bad, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	clf := filepath.Join(out, "classifier.tlc")
	stdout, _, err := runCLI(t, append([]string{"predict", "--classifier", clf, "--top", "1", "--json"}, append(photos, bad)...)...)
	if err == nil {
		t.Fatal("an unreadable picture went unreported in the exit code")
	}
	var entries []map[string]any
	if err := json.Unmarshal([]byte(stdout), &entries); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	flagged := 0
	for _, e := range entries {
		v, ok := e["none_of_these"].(bool)
		if !ok {
			t.Fatalf("entry without a none_of_these true|false: %v", e)
		}
		if v {
			flagged++
		}
	}
	if len(entries) != 13 || entries[12]["none_of_these"] != false || entries[12]["error"] == "" {
		t.Fatalf("want 12 answers and the broken picture's error, got %v", entries)
	}
	t.Logf("ImageNet photos flagged by the ants/bees model: %d of 12", flagged)
	if flagged < 9 {
		t.Errorf("%d of 12 ImageNet photos flagged, want at least 9", flagged)
	}

	table, _, err := runCLI(t, append([]string{"predict", "--classifier", clf, "--top", "1"}, photos...)...)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(table, noneOfTheseLine); n != flagged {
		t.Errorf("table has %d none-of-these lines, JSON flagged %d:\n%s", n, flagged, table)
	}

	imagenet, _, err := runCLI(t, "predict", "--model", "squeezenet1_1", "--weights", weights, "--json", photos[0])
	if err != nil || strings.Contains(imagenet, "none_of_these") {
		t.Errorf("ImageNet answer (%v):\n%s", err, imagenet)
	}
}
