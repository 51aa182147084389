package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// When report.json cannot be written (here a folder is in its way, as a
// full disk would stop it), train fails and leaves no new classifier beside
// it: the two are staged together and replace the old pair together.
func TestTrainWritesClassifierAndReportTogether(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "report.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
		"--image-size", "64", "--device", "cpu", "--out", out)
	if err == nil {
		t.Fatalf("train succeeded with report.json blocked\n%s", stderr)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		names := []string{}
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%v left in the output folder, want only the blocking report.json (%v)", names, err)
	}
}

// A feature cache that cannot be written does not stop case 1: training
// finishes and stderr says once, on its own line, that it went on without it.
func TestTrainGoesOnWithoutAWritableFeatureCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("TRANSFERLAB_CACHE", cache)
	if err := os.WriteFile(filepath.Join(cache, "features"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCLI(t, "train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
		"--image-size", "64", "--device", "cpu", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("train failed with an unwritable feature cache: %v\n%s", err, stderr)
	}
	if n := strings.Count(stderr, "without the feature cache"); n != 1 {
		t.Errorf("the warning appears %d times, want once:\n%s", n, stderr)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, "without the feature cache") && !strings.HasPrefix(line, "warning: ") {
			t.Errorf("warning not on its own line: %q", line)
		}
	}
}
