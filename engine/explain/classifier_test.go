package explain

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/train"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// TestClassifierEveryCase explains squeezenet1_1 classifiers of the four
// cases trained on the shared cats and dogs: the map is taken at the last
// block (at the cut for case 2), and the class and probability it explains
// are those the classifier itself gives the picture.
func TestClassifierEveryCase(t *testing.T) {
	sd, _, err := weights.LoadAny(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := dataset.Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var pictures []string
	for _, it := range data.Val[:4] {
		pictures = append(pictures, it.Path)
	}
	for _, c := range []struct {
		c     cases.Case
		layer string
	}{{1, "features.12"}, {2, "features.8"}, {3, "features.12"}, {4, "features.12"}} {
		t.Run(fmt.Sprintf("case%d", c.c), func(t *testing.T) {
			if testing.Short() && c.c.TrainsBackbone() {
				t.Skip("trains the whole network: checked in the full (non -short) pass")
			}
			cfg := train.Config{Network: "squeezenet1_1", Case: c.c, Epochs: 2, Seed: 1, Transform: imageprep.ImageNetAt(64)}
			job := train.Job{Config: cfg, Data: data, Pretrained: sd, FeatureCache: t.TempDir()}
			_, clf, err := train.Run(context.Background(), job, nil)
			if err != nil {
				t.Fatal(err)
			}
			e, err := ForClassifier(clf)
			if err != nil {
				t.Fatal(err)
			}
			if e.Layer() != c.layer {
				t.Errorf("map at %s, want %s", e.Layer(), c.layer)
			}
			probs, err := clf.Classify(context.Background(), pictures, nil)
			if err != nil {
				t.Fatal(err)
			}
			shown := 0
			for i, p := range pictures {
				m, err := e.File(context.Background(), p, -1)
				if err != nil {
					t.Fatal(err)
				}
				want := argmax(probs[i])
				t.Logf("%s: %s %.4f (classifier %s %.4f), map %dx%d at %s", filepath.Base(p), m.Label, m.Prob, clf.Classes[want], probs[i][want], m.H, m.W, m.Layer)
				if m.Class != want || math.Abs(m.Prob-probs[i][want]) > 1e-4 {
					t.Errorf("%s: explains %s at %.4f, the classifier says %s at %.4f", p, m.Label, m.Prob, clf.Classes[want], probs[i][want])
				}
				checkNormalised(t, m)
				if !m.Empty() {
					shown++
				}
			}
			if shown == 0 {
				t.Error("every map is empty")
			}
		})
	}
}

// checkNormalised: values in [0, 1], the largest exactly 1 unless the map is
// empty (nothing in the picture pushed towards the class).
func checkNormalised(t *testing.T, m Map) {
	t.Helper()
	var top float32
	for _, v := range m.Values {
		if v < 0 || v > 1 {
			t.Fatalf("map value %v outside [0, 1]", v)
		}
		top = max(top, v)
	}
	if top != 1 && !m.Empty() {
		t.Errorf("largest map value %v, want 1", top)
	}
}
