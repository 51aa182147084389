//go:build ci

package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
	"transferlab/ui/words"
)

// TestReopenAProjectTheCommandLineMade: `transferlab train --project` (the
// real command, built here) makes a project that the app opens with the
// run in its Runs list, its accuracy on Results, its charts on Train, and
// Try it giving the command line's own answer and probability on a
// validation picture (the app's engine has an empty cache of its own).
func TestReopenAProjectTheCommandLineMade(t *testing.T) {
	cli := buildCommandLine(t)
	cache := t.TempDir()
	transferlab := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(cli, args...)
		cmd.Env = append(os.Environ(), weights.CacheEnv+"="+cache)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("transferlab %s: %v\n%s", args[0], err, stderr.String())
		}
		return out
	}
	path := filepath.Join(t.TempDir(), "pets"+project.Extension)
	var run struct {
		Accuracy float64 `json:"val_accuracy"`
		Run      int     `json:"run"`
	}
	out := transferlab("train", "--data", shareddata.Copy(t, "datasets/catsdogs-60"), "--model", "squeezenet1_1",
		"--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"), "--case", "1", "--epochs", "5",
		"--project", path, "--json")
	if err := json.Unmarshal(out, &run); err != nil || run.Run != 1 {
		t.Fatalf("train --json: %v, run %d\n%s", err, run.Run, out)
	}
	saved, err := project.Load(path)
	if err != nil || saved.LastRun() == nil {
		t.Fatalf("the command line's project has no run (%v)", err)
	}
	clf := saved.LastRun().Result.ClassifierPath
	picture := saved.LastRun().Result.Predictions[0].Path // a validation picture
	var predicted []struct {
		Top []struct {
			Label string  `json:"label"`
			Prob  float64 `json:"prob"`
		} `json:"top"`
	}
	if err := json.Unmarshal(transferlab("predict", "--classifier", clf, "--top", "1", "--json", picture), &predicted); err != nil {
		t.Fatal(err)
	}
	top := predicted[0].Top[0]

	u := newWindow(t, window.WithProject(path))
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("opening showed %q", d)
	}
	if s := uitest.Status(u); strings.Contains(s, "cannot be used") || strings.Contains(s, "left out") {
		t.Errorf("status %q", s)
	}
	results := uitest.Screen(t, u, uitest.ScreenResults)
	listed := uitest.Label(t, results, "Run 1 ·")
	head := uitest.Label(t, results, "Validation accuracy ")
	t.Logf("%s | %s", listed, head)
	if !strings.Contains(listed, "case 1") || !strings.Contains(listed, words.Percent(run.Accuracy)) ||
		!strings.HasPrefix(head, "Validation accuracy "+words.Percent(run.Accuracy)+":") {
		t.Errorf("Results shows %q and %q; the command line reported %s", listed, head, words.Percent(run.Accuracy))
	}
	uitest.Label(t, uitest.Screen(t, u, uitest.ScreenTrain), "Finished: validation accuracy "+words.Percent(run.Accuracy))
	uitest.Label(t, uitest.Screen(t, u, uitest.ScreenPictures), `Class "cat": 30 pictures`)
	want := fmt.Sprintf("%s: the model says %s (%s sure).", filepath.Base(picture), top.Label, words.Percent(top.Prob))
	if got := tryIt(t, u, picture); got != want {
		t.Errorf("Try it says %q; the command line says %q", got, want)
	}
}

// buildCommandLine builds cmd/transferlab into a temporary folder.
func buildCommandLine(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "transferlab")
	if out, err := exec.Command("go", "build", "-o", bin, "transferlab/cmd/transferlab").CombinedOutput(); err != nil {
		t.Fatalf("go build the command line: %v\n%s", err, out)
	}
	return bin
}
