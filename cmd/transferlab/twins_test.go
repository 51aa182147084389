//go:build ci

package main

// This test imports the desktop app's engine adapter (transferlab/app/uiengine,
// which needs no Fyne): it is the one place both front ends run in one
// process. It trains twice, so it runs with the ci tag (test.sh's full run),
// not in the short race run.

import (
	"context"
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"transferlab/app/uiengine"
	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui"
)

// The command line and the app give the same recommendation and, trained
// with their defaults on the same pictures, the same accuracy (catsdogs-60,
// SqueezeNet, case 1). Each has its own cache, so each computes its own
// features.
func TestCommandLineAndAppAgree(t *testing.T) {
	data := shareddata.Path(t, "datasets/catsdogs-60")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	useCache := func() {
		t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
		if _, _, err := runCLI(t, "models", "import", "squeezenet1_1", pth); err != nil {
			t.Fatal(err)
		}
	}

	useCache()
	cliAdvice, cliRun := cliTwin(t, data)

	useCache()
	eng, err := uiengine.New()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := eng.Scan(ctx, []string{data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	appAdvice, err := eng.Recommend(ctx, "squeezenet1_1", d.Classes)
	if err != nil {
		t.Fatal(err)
	}
	if appAdvice.Case != cliAdvice.Case || withoutTiming(appAdvice.Reason) != withoutTiming(cliAdvice.Reason) ||
		appAdvice.ImageNetLike != cliAdvice.ImageNetLike {
		t.Errorf("advice differs:\napp %+v\ncli %+v", appAdvice, cliAdvice)
	}
	if appAdvice.Case != cases.FrozenBackbone {
		t.Errorf("recommended case %d for catsdogs-60, want the frozen backbone", appAdvice.Case)
	}
	// The project's defaults (ui/project.DefaultSettings) and the command
	// line's flags agree: 20% held out, seed 1, automatic device and recipe.
	res, err := eng.Train(ctx, ui.TrainRequest{
		Network: "squeezenet1_1", Case: appAdvice.Case, Classes: d.Classes,
		ValShare: 0.2, Seed: 1, Augment: true, Device: "auto", OutDir: t.TempDir(),
	}, func(ui.TrainEvent) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("app: accuracy %.4f, best epoch %d of %d; command line: %.4f, best epoch %d of %d",
		res.ValAccuracy, res.BestEpoch, len(res.History), cliRun.Accuracy, cliRun.BestEpoch, len(cliRun.Epochs))
	if res.ValAccuracy != cliRun.Accuracy || res.BestEpoch != cliRun.BestEpoch || len(res.History) != len(cliRun.Epochs) ||
		!reflect.DeepEqual(res.Confusion, cliRun.Confusion) || !reflect.DeepEqual(res.Classes, cliRun.Classes) {
		t.Errorf("training differs: app %.4f %v, command line %.4f %v", res.ValAccuracy, res.Confusion, cliRun.Accuracy, cliRun.Confusion)
	}
}

type cliAdvice struct {
	Case         cases.Case `json:"case"`
	Reason       string     `json:"reason"`
	ImageNetLike float64    `json:"imagenet_like"`
}

type cliReport struct {
	Accuracy  float64    `json:"val_accuracy"`
	BestEpoch int        `json:"best_epoch"`
	Epochs    []struct{} `json:"epochs"`
	Confusion [][]int    `json:"confusion"`
	Classes   []string   `json:"classes"`
}

// cliTwin asks the command line for its advice and trains the case it
// recommends, with every other flag at its default.
func cliTwin(t *testing.T, data string) (cliAdvice, cliReport) {
	out, _, err := runCLI(t, "advise", "--data", data, "--model", "squeezenet1_1", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var a cliAdvice
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, "train", "--data", data, "--model", "squeezenet1_1", "--case", strconv.Itoa(int(a.Case)), "--out", t.TempDir(), "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r cliReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return a, r
}

// measuredTime is the advice's estimate of how long case 3 would take: it
// comes from timing the network on this machine at that moment, so two
// runs under different load may say "a minute" and "ten minutes".
var measuredTime = regexp.MustCompile(`take up to .*? here`)

// withoutTiming is an advice's reason with its measured time left out.
func withoutTiming(reason string) string {
	return measuredTime.ReplaceAllString(reason, "take up to (measured) here")
}
