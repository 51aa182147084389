package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
)

func TestAdviseRecommendsAndSaysWhy(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data := shareddata.Path(t, "datasets/catsdogs-60")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	out, _, err := runCLI(t, "advise", "--data", data, "--model", "squeezenet1_1", "--weights", pth, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Case         cases.Case `json:"case"`
		Reason       string     `json:"reason"`
		ImageNetLike float64    `json:"imagenet_like"`
		Measured     []struct {
			Case     cases.Case `json:"case"`
			Cut      string     `json:"cut"`
			Accuracy float64    `json:"accuracy"`
			Spread   float64    `json:"spread"`
		} `json:"measured"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, out)
	}
	if a.Case != cases.FrozenBackbone || !strings.HasPrefix(a.Reason, "Your smallest class has 30 pictures") || a.ImageNetLike < 0.3 {
		t.Errorf("advice %+v", a)
	}
	// Case 1, then case 2 at SqueezeNet's two cuts, each measured.
	if len(a.Measured) != 3 || a.Measured[0].Case != cases.FrozenBackbone || a.Measured[2].Cut != "features.5" ||
		a.Measured[0].Accuracy < 0.7 || a.Measured[1].Spread <= 0 {
		t.Errorf("measured %+v", a.Measured)
	}
	out, _, err = runCLI(t, "advise", "--data", data, "--model", "squeezenet1_1", "--weights", pth)
	if err != nil || !strings.HasPrefix(out, "Recommended: case 1, Few pictures, everyday subjects. Your smallest class") ||
		!strings.Contains(out, "Measured on 60 of your pictures") || !strings.Contains(out, "case 2, cut at features.8") ||
		!strings.Contains(out, "<- recommended") {
		t.Errorf("%v: %q", err, out)
	}
	// No weights here: the advice still comes, saying what it could not check.
	out, _, err = runCLI(t, "advise", "--data", data, "--model", "squeezenet1_1")
	if err != nil || !strings.Contains(out, "could not check") {
		t.Errorf("without weights: %v: %q", err, out)
	}
}

func TestAdviseRejectsBadInputs(t *testing.T) {
	t.Setenv("TRANSFERLAB_CACHE", t.TempDir())
	data := shareddata.Path(t, "datasets/catsdogs-60")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	for _, c := range []struct {
		name    string
		args    []string
		mention string
	}{
		{"weights of another network", []string{"--data", data, "--model", "resnet18", "--weights", pth}, "squeezenet1_1-imagenet.pth"},
		{"one class", []string{"--data", data + "/cat", "--model", "squeezenet1_1", "--weights", pth}, "at least 2 classes"},
		{"no model", []string{"--data", data}, "--data and --model are required"},
		{"stray argument", []string{"--data", data, "--model", "squeezenet1_1", "extra"}, "unexpected argument"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runCLI(t, append([]string{"advise"}, c.args...)...)
			if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), c.mention) {
				t.Errorf("want one line mentioning %q, got %v", c.mention, err)
			}
		})
	}
}

// train -h lists every flag with the default training really uses, read
// from the cases' recipes.
func TestTrainHelpListsRealDefaults(t *testing.T) {
	out, _, err := runCLI(t, "train", "-h")
	if err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"data", "model", "case", "cut", "weights", "epochs", "batch", "lr", "val", "test", "seed", "device", "out", "no-augment", "image-size", "json"} {
		if !strings.Contains(out, "\n  --"+flag+" ") && !strings.Contains(out, "\n  --"+flag+"\n") {
			t.Errorf("--%s is not listed:\n%s", flag, out)
		}
	}
	want := []string{"(default 0.2)", "(default 1)", "(default auto)", "(default transferlab-output)", "squeezenet1_1 features.8"}
	for _, c := range cases.All() {
		r := c.Recipe()
		want = append(want, fmt.Sprintf("%d %s", c, c.Short()), fmt.Sprintf("%d in ", r.Epochs), fmt.Sprintf("%d epochs in ", r.Patience))
		if r.Batch > 0 {
			want = append(want, fmt.Sprintf("%d in ", r.Batch))
		}
		want = append(want, fmt.Sprintf("%g with %s", r.LR, r.OptimiserText()))
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("train -h does not say %q:\n%s", w, out)
		}
	}
	for _, stale := range []string{"default 50", "batch size (default 32", "1e-2"} {
		if strings.Contains(out, stale) {
			t.Errorf("train -h still says %q", stale)
		}
	}
}
