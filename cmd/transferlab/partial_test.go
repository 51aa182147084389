package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// One unreadable picture among good ones: the good ones are answered (in
// the table and in the JSON), the bad one is listed with its reason on
// stderr and in the JSON, and the command fails (exit code 1) naming it.
func TestPredictAnswersTheGoodPicturesAndListsTheBadOne(t *testing.T) {
	dir := shareddata.Path(t, "images/imagenet-samples")
	bad := filepath.Join(t.TempDir(), "broken.jpg")
	if err := os.WriteFile(bad, []byte("not a picture at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	images := []string{filepath.Join(dir, "dog.jpg"), bad, filepath.Join(dir, "owl.jpg")}
	args := []string{"predict", "--model", "squeezenet1_1", "--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--top", "1"}

	out, stderr, err := runCLI(t, append(args, images...)...)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "broken.jpg") {
		t.Fatalf("want a one-line error naming broken.jpg, got %v", err)
	}
	if !strings.Contains(out, "dog.jpg") || !strings.Contains(out, "owl.jpg") {
		t.Errorf("the good pictures' answers are missing:\n%s", out)
	}
	if !strings.Contains(stderr, "could not read") || !strings.Contains(stderr, "broken.jpg") {
		t.Errorf("stderr does not list the bad picture:\n%s", stderr)
	}

	out, _, err = runCLI(t, append(append(args, "--json"), images...)...)
	if err == nil {
		t.Fatal("--json: a bad picture went unreported in the exit code")
	}
	var results []struct {
		File  string
		Top   []struct{ Label string }
		Error string
	}
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(results) != 3 || len(results[0].Top) != 1 || len(results[2].Top) != 1 {
		t.Fatalf("want answers for pictures 1 and 3 of 3, got %+v", results)
	}
	if results[1].Error == "" || len(results[1].Top) != 0 {
		t.Errorf("the bad picture has no error: %+v", results[1])
	}
}

// A stray empty class folder is named and left out, and a picture filed
// under two classes is flagged with both paths; training goes on.
func TestTrainNamesAnEmptyFolderAndDuplicates(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	src := shareddata.Path(t, "datasets/catsdogs-60")
	root := t.TempDir()
	for _, class := range []string{"cat", "dog"} {
		entries, _ := os.ReadDir(filepath.Join(src, class))
		for _, e := range entries[:6] {
			copyFile(t, filepath.Join(src, class, e.Name()), filepath.Join(root, class, e.Name()))
		}
	}
	copyFile(t, filepath.Join(src, "cat", "cat-01.jpg"), filepath.Join(root, "dog", "odd-one.jpg"))
	os.Mkdir(filepath.Join(root, "untitled folder"), 0o755)
	_, stderr, err := runCLI(t, "train", "--data", root, "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
		"--image-size", "64", "--device", "cpu", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("train failed: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "untitled folder") || !strings.Contains(stderr, "no pictures") {
		t.Errorf("the empty folder is not named:\n%s", stderr)
	}
	dup := "the same picture is in more than one class: " + filepath.Join(root, "cat", "cat-01.jpg") + ", " + filepath.Join(root, "dog", "odd-one.jpg")
	if !strings.Contains(stderr, dup) {
		t.Errorf("the duplicate is not flagged with both paths:\n%s", stderr)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	raw, err := os.ReadFile(src)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o755)
	}
	if err == nil {
		err = os.WriteFile(dst, raw, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A picture whose header is fine but whose body is cut off passes the
// scan (which reads headers only); eval then leaves it out, names it on
// stderr and in the JSON, and scores the others (exit 0).
func TestEvalLeavesOutAPictureCutShort(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data := shareddata.Copy(t, "datasets/catsdogs-60")
	out := t.TempDir()
	if _, stderr, err := runCLI(t, "train", "--data", data, "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "1",
		"--image-size", "64", "--device", "cpu", "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	cut := filepath.Join(data, "cat", "cut.jpg")
	whole, err := os.ReadFile(filepath.Join(data, "cat", "cat-01.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cut, whole[:len(whole)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runCLI(t, "eval", "--classifier", filepath.Join(out, "classifier.tlc"), "--data", data, "--json")
	if err != nil {
		t.Fatalf("eval failed on one cut-short picture: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "left out "+cut) {
		t.Errorf("stderr does not name %s:\n%s", cut, stderr)
	}
	var ev struct {
		Confusion [][]int `json:"confusion"`
		Skipped   []struct{ Path string }
	}
	if err := json.Unmarshal([]byte(stdout), &ev); err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, row := range ev.Confusion {
		for _, n := range row {
			counted += n
		}
	}
	if counted != 60 || len(ev.Skipped) != 1 || ev.Skipped[0].Path != cut {
		t.Errorf("counted %d pictures (want the 60 whole ones), skipped %+v", counted, ev.Skipped)
	}
}
