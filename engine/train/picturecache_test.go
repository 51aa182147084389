package train

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
)

// movedPictures copies the pictures of d into dir and returns d with its
// items pointing at the copies.
func movedPictures(t *testing.T, d *dataset.Dataset, dir string) *dataset.Dataset {
	t.Helper()
	out := *d
	out.Hashes = nil
	move := func(set string, items []dataset.Item) []dataset.Item {
		moved := slices.Clone(items)
		for i, it := range moved {
			b, err := os.ReadFile(it.Path)
			if err != nil {
				t.Fatal(err)
			}
			moved[i].Path = filepath.Join(dir, fmt.Sprintf("%s-%d-%s", set, i, filepath.Base(it.Path)))
			if err := os.WriteFile(moved[i].Path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return moved
	}
	out.Train, out.Val = move("train", d.Train), move("val", d.Val)
	return &out
}

// wholeBatches is a batch size between 8 and 16 that divides n: the last
// partial batch of an epoch is dropped, and its pictures would be decoded
// for the first time in the second epoch.
func wholeBatches(t *testing.T, n int) int {
	t.Helper()
	for b := 16; b >= 8; b-- {
		if n%b == 0 {
			return b
		}
	}
	t.Fatalf("no batch size from 8 to 16 divides %d training pictures", n)
	return 0
}

// Whole-network training decodes each picture once: with every file
// removed after the first epoch, the second epoch, the final validation and
// the calibration run from the pictures the run kept, and give the run it
// would have been.
func TestWholeNetworkRunKeepsItsPictures(t *testing.T) {
	skipHeavyInShort(t)
	src := scan(t, "datasets/catsdogs-60")
	cfg := Config{Network: "squeezenet1_1", Case: cases.FineTune, Seed: 3, Epochs: 2,
		Batch: wholeBatches(t, len(src.Train)), Transform: smallTransform(), Augment: true}
	pretrained := squeezenetWeights(t)
	want, _, err := Run(context.Background(), Job{Config: cfg, Data: src, Pretrained: pretrained}, nil)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	data := movedPictures(t, src, dir)
	removed := false
	var warnings []string
	progress := func(e Event) {
		switch {
		case e.Phase == PhaseEpoch && !removed:
			removed = true
			if err := os.RemoveAll(dir); err != nil {
				t.Error(err)
			}
		case e.Phase == PhaseWarning:
			warnings = append(warnings, e.Message)
		}
	}
	got, clf, err := Run(context.Background(), Job{Config: cfg, Data: data, Pretrained: pretrained}, progress)
	if err != nil {
		t.Fatalf("with the files removed after the first epoch: %v", err)
	}
	if !removed || len(got.History) != 2 {
		t.Fatalf("removed %v, %d epochs: the test did not run a second epoch without the files", removed, len(got.History))
	}
	if clf.Novelty == nil || len(warnings) > 0 {
		t.Fatalf("the calibration did not run from the kept pictures: %q", warnings)
	}
	for i := range want.History {
		w, g := want.History[i], got.History[i]
		if w.TrainLoss != g.TrainLoss || w.ValLoss != g.ValLoss {
			t.Fatalf("epoch %d: losses %v/%v from kept pictures, %v/%v from the files", i+1, g.TrainLoss, g.ValLoss, w.TrainLoss, w.ValLoss)
		}
	}
	if got.Accuracy != want.Accuracy {
		t.Fatalf("accuracy %v from kept pictures, %v from the files", got.Accuracy, want.Accuracy)
	}
}
