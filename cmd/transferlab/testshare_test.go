package main

import (
	"encoding/json"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// `train --test 0.2` holds out 5 of each class's 24 training pictures of
// catsdogs-60: the JSON report has their figures under "test", the text
// report a line saying what they are.
func TestTrainWithATestShare(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	args := []string{"train", "--data", shareddata.Path(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "2",
		"--image-size", "64", "--device", "cpu", "--test", "0.2", "--out", t.TempDir()}
	out, stderr, err := runCLI(t, append(args, "--json")...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var rep struct {
		Test *struct {
			Pictures  int     `json:"pictures"`
			Accuracy  float64 `json:"test_accuracy"`
			Confusion [][]int `json:"confusion"`
		} `json:"test"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Test == nil || rep.Test.Pictures != 10 || len(rep.Test.Confusion) != 2 {
		t.Fatalf("test figures %+v", rep.Test)
	}
	text, _, err := runCLI(t, args...)
	if err != nil || !strings.Contains(text, "on 10 held-out pictures never used to choose the epoch") {
		t.Errorf("text report (%v):\n%s", err, text)
	}
}
