package train

import (
	"context"
	"encoding/json"
	"flag"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

var updateLosses = flag.Bool("update-losses", false, "rewrite testdata/whole-network-losses.json from this code")

// lossRun is one seeded whole-network run whose per-epoch losses are kept.
type lossRun struct {
	Name   string    `json:"name"`
	Train  []float64 `json:"train_loss"`
	Val    []float64 `json:"val_loss"`
	Epochs int       `json:"epochs"`
}

// The memory and speed work on the CPU engine (shared buffers, fewer
// graphs, faster kernels) must not change what training computes: seeded
// whole-network runs give the losses the engine gave before that work
// (recorded in testdata/whole-network-losses.json by the code of commit
// "golden losses", with -update-losses), within floating-point tolerance.
// The batch of 10 leaves a short last batch in training (dropped) and in
// validation (a second batch size). Case 4 is not compared: from scratch, on
// 32-pixel crops, it amplifies rounding (summing a depthwise weight gradient
// in another, equally exact order moved its first epoch's loss by 3%).
func TestWholeNetworkLossesUnchanged(t *testing.T) {
	skipHeavyInShort(t)
	data := scan(t, "datasets/catsdogs-60")
	mobile, err := models.New("mobilenet_v2")
	if err != nil {
		t.Fatal(err)
	}
	// Random weights stand in for ImageNet's on MobileNetV2 (BatchNorm,
	// depthwise convolutions, ReLU6): only the arithmetic is compared.
	mobileWeights := models.RandomInit(mobile.Params(), rand.New(rand.NewSource(1)))
	tiny := imageprep.ImageNet()
	tiny.Resize, tiny.Crop = 40, 32
	runs := []struct {
		name       string
		cfg        Config
		pretrained weights.StateDict
	}{
		{"squeezenet1_1 case 3", Config{Network: "squeezenet1_1", Case: cases.FineTune, Seed: 7, Epochs: 2, Batch: 10,
			Transform: smallTransform(), Augment: true}, squeezenetWeights(t)},
		{"mobilenet_v2 case 3", Config{Network: "mobilenet_v2", Case: cases.FineTune, Seed: 7, Epochs: 2, Batch: 10,
			Transform: tiny, Augment: true}, mobileWeights},
	}
	var got []lossRun
	for _, r := range runs {
		res, _, err := Run(context.Background(), Job{Config: r.cfg, Data: data, Pretrained: r.pretrained}, nil)
		if err != nil {
			t.Fatalf("%s: %v", r.name, err)
		}
		lr := lossRun{Name: r.name, Epochs: len(res.History)}
		for _, e := range res.History {
			lr.Train, lr.Val = append(lr.Train, e.TrainLoss), append(lr.Val, e.ValLoss)
		}
		t.Logf("%s: train %v val %v", r.name, lr.Train, lr.Val)
		got = append(got, lr)
	}
	path := filepath.Join("testdata", "whole-network-losses.json")
	if *updateLosses {
		b, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []lossRun
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) {
		t.Fatalf("%d runs recorded, %d run", len(want), len(got))
	}
	for i := range want {
		checkLosses(t, want[i].Name+" train", got[i].Train, want[i].Train)
		checkLosses(t, want[i].Name+" val", got[i].Val, want[i].Val)
	}
}

// checkLosses allows the rounding differences of a different summation
// order (another convolution algorithm, another blocking), compounded over
// two epochs of updates: a relative 2e-4.
func checkLosses(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d epochs, want %d", what, len(got), len(want))
		return
	}
	for i := range want {
		if d := math.Abs(got[i] - want[i]); !(d <= 2e-4*math.Max(math.Abs(want[i]), 1e-3)) {
			t.Errorf("%s epoch %d: loss %.8g, want %.8g (before the memory work)", what, i+1, got[i], want[i])
		}
	}
}
