package dataset

import (
	"context"
	"slices"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

// TestHoldOutTestTakesFromTrainingOnly: on catsdogs-60 (30 per class, 6
// validation each at 20%), a 20% test share takes round(0.2×24) = 5 of
// each class's 24 training pictures; the validation pictures stay those
// of the same seed without a test share; nothing is in two parts; the same
// seed gives the same test pictures and another seed others.
func TestHoldOutTestTakesFromTrainingOnly(t *testing.T) {
	d, err := Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h, err := d.HoldOutTest(0.2, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(h.Val, d.Val) {
		t.Error("the test share changed the validation pictures")
	}
	perClass := make([]int, len(h.Classes))
	for _, it := range h.Test {
		perClass[it.Class]++
	}
	if !slices.Equal(perClass, []int{5, 5}) || len(h.Train) != 38 || len(d.Train) != 48 {
		t.Errorf("test per class %v, train %d (was %d); want [5 5], 38, 48", perClass, len(h.Train), len(d.Train))
	}
	seen := map[string]string{}
	for part, items := range map[string][]Item{"train": h.Train, "val": h.Val, "test": h.Test} {
		for _, it := range items {
			if other, ok := seen[it.Path]; ok {
				t.Errorf("%s is in %s and %s", it.Path, other, part)
			}
			seen[it.Path] = part
		}
	}
	if len(seen) != 60 {
		t.Errorf("%d pictures in the three parts, want 60", len(seen))
	}
	again, _ := d.HoldOutTest(0.2, 1)
	other, _ := d.HoldOutTest(0.2, 2)
	if !slices.Equal(again.Test, h.Test) || slices.Equal(other.Test, h.Test) {
		t.Error("the test pictures do not follow the seed")
	}
}

func TestHoldOutTestKeepsTwoToTrainOn(t *testing.T) {
	d := &Dataset{Classes: []string{"a", "b"}, Train: []Item{{"a1", 0}, {"a2", 0}, {"a3", 0}, {"b1", 1}, {"b2", 1}}}
	if _, err := d.HoldOutTest(0.1, 1); err == nil || !strings.Contains(err.Error(), `class "b" has 2 pictures to train on`) {
		t.Errorf("err = %v", err)
	}
	for _, frac := range []float64{0, 1, -0.1} {
		if _, err := d.HoldOutTest(frac, 1); err == nil {
			t.Errorf("test share %g accepted", frac)
		}
	}
}
