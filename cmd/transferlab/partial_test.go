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
