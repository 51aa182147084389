package train

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"transferlab/engine/cases"
)

// TestTestShareIsTheKeptModelOnUnseenPictures: with a 20% test share on
// catsdogs-60, the run validates on the pictures it would without one,
// trains on fewer, and reports the kept model on the 10 held-out pictures
// exactly as the saved classifier classifies them afterwards. Case 1 (the
// head on frozen features) and case 4 (a whole network, 64 px) differ in
// how they train, not in how they are tested.
func TestTestShareIsTheKeptModelOnUnseenPictures(t *testing.T) {
	for _, c := range []cases.Case{cases.FrozenBackbone, cases.FromScratch} {
		t.Run(fmt.Sprint("case", int(c)), func(t *testing.T) {
			job := Job{Config: Config{Network: "squeezenet1_1", Case: c, Seed: 1, Epochs: 3, TestFraction: 0.2},
				Data: scan(t, "datasets/catsdogs-60"), FeatureCache: t.TempDir()}
			if c == cases.FromScratch {
				job.Transform = smallTransform()
			} else {
				job.Pretrained = squeezenetWeights(t)
			}
			res, clf, err := Run(context.Background(), job, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Test == nil || res.Test.Pictures != 10 {
				t.Fatalf("test figures %+v, want 10 pictures", res.Test)
			}
			var valFiles []string
			for _, p := range res.Predictions {
				valFiles = append(valFiles, p.File)
			}
			if !slices.Equal(valFiles, pathsOf(job.Data.Val)) {
				t.Error("the test share changed the validation pictures")
			}
			held, _ := job.Data.HoldOutTest(0.2, 1)
			truth := make([]int, len(held.Test))
			for i, it := range held.Test {
				truth[i] = it.Class
			}
			ev, _, err := clf.Evaluate(context.Background(), pathsOf(held.Test), truth, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("case %d: validation %.3f, test %.3f on %d pictures", c, res.Accuracy, res.Test.Accuracy, res.Test.Pictures)
			if ev.Accuracy != res.Test.Accuracy || !slices.EqualFunc(ev.Confusion, res.Test.Confusion, slices.Equal) {
				t.Errorf("reported test %v %v, the saved model gives %v %v", res.Test.Accuracy, res.Test.Confusion, ev.Accuracy, ev.Confusion)
			}
		})
	}
}

func TestCheckRefusesABadTestShare(t *testing.T) {
	for _, frac := range []float64{-0.1, 1, math.NaN(), math.Inf(1)} {
		cfg := Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, TestFraction: frac}
		if err := cfg.Check(); err == nil || !strings.Contains(err.Error(), "test share") {
			t.Errorf("test share %g: %v", frac, err)
		}
	}
	if err := (Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, TestFraction: 0.2}).Check(); err != nil {
		t.Errorf("test share 0.2: %v", err)
	}
}
