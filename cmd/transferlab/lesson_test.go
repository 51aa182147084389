package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// Every setting, and the weights, are checked before the pictures are
// read: the data folder here does not exist, so an error about it would
// mean the pictures came first.
func TestLessonFlagsCheckedBeforeThePictures(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	noData := filepath.Join(t.TempDir(), "not-there")
	base := []string{"lesson", "--data", noData, "--model", "squeezenet1_1", "--weights", pth}
	for _, c := range []struct {
		name    string
		args    []string
		mention string
	}{
		{"no model", []string{"lesson", "--data", noData}, "--data and --model are required"},
		{"zero budget", append(base, "--budget", "0s"), "--budget must be more than 0"},
		{"not a duration", append(base, "--budget", "half an hour"), "budget"},
		{"unknown device", append(base, "--device", "tpu"), "--device"},
		{"tiny pictures", append(base, "--image-size", "8"), "too small for squeezenet1_1"},
		{"zero epochs", append(base, "--epochs", "0"), "--epochs must be more than 0"},
		{"unknown network", []string{"lesson", "--data", noData, "--model", "nosuchnet"}, "nosuchnet"},
		{"weights of another network", []string{"lesson", "--data", noData, "--model", "resnet18", "--weights", pth}, "squeezenet1_1-imagenet.pth"},
		{"no weights here", []string{"lesson", "--data", noData, "--model", "squeezenet1_1"}, "transferlab models fetch squeezenet1_1"},
		{"stray argument", append(base, "extra"), "unexpected argument"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runCLI(t, c.args...)
			if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), c.mention) || strings.Contains(err.Error(), "not-there") {
				t.Errorf("want one line mentioning %q, got %v", c.mention, err)
			}
		})
	}
}

// The lesson on catsdogs-60 (64x64 pictures, at most 2 epochs a case, to
// be quick): the JSON has the four cases with their figures and a winner
// that is the most accurate; with next to no time, the table says which
// cases were cut short.
func TestLessonComparesTheFourCases(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	out := t.TempDir()
	args := []string{"lesson", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--device", "cpu", "--seed", "3",
		"--image-size", "64", "--epochs", "2", "--out", out}
	stdout, stderr, err := runCLI(t, append(args, "--json", "--budget", "1h", "--test", "0.2")...)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Cases []struct {
			Case         int      `json:"case"`
			ValAccuracy  *float64 `json:"val_accuracy"`
			TestAccuracy *float64 `json:"test_accuracy"`
			Seconds      float64  `json:"seconds"`
			BestEpoch    int      `json:"best_epoch"`
			Shortened    string   `json:"shortened"`
			Error        string   `json:"error"`
		} `json:"cases"`
		Winner     int    `json:"winner"`
		Conclusion string `json:"conclusion"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, stdout)
	}
	if len(r.Cases) != 4 || r.Conclusion == "" {
		t.Fatalf("lesson %+v", r)
	}
	best := 0
	for i, c := range r.Cases {
		if c.Case != i+1 || c.ValAccuracy == nil || c.TestAccuracy == nil || c.Error != "" || c.Shortened != "" || c.BestEpoch < 1 || c.BestEpoch > 2 || c.Seconds <= 0 {
			t.Fatalf("case %d: %+v", i+1, c)
		}
		if _, err := os.Stat(filepath.Join(out, "case-"+string(rune('1'+i)), "classifier.tlc")); err != nil {
			t.Error(err)
		}
		if *c.ValAccuracy > *r.Cases[best].ValAccuracy || (*c.ValAccuracy == *r.Cases[best].ValAccuracy && c.Seconds < r.Cases[best].Seconds) {
			best = i
		}
	}
	if r.Winner != best+1 {
		t.Errorf("winner %d, most accurate %d", r.Winner, best+1)
	}
	for _, want := range []string{"case 1 of 4: frozen backbone", "case 4 of 4: from scratch", "epoch   1/2", "the lesson took"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("progress lacks %q:\n%s", want, stderr)
		}
	}
	stdout, _, err = runCLI(t, append(args, "--budget", "1ms")...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"case  title", "val accuracy", "Few pictures, everyday subjects",
		"stopped after 1 of 2 epochs to stay within the lesson's time", "Winner: case", "smallest class", "no test share"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
}
