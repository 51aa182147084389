package features

import (
	"context"
	"math"
	"testing"

	"transferlab/engine/cpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// One pass at several depths gives, at each, what an Extractor cut there
// gives, keeps them under that Extractor's key (so a second pass computes
// nothing), and leaves out a picture that does not decode at every depth.
func TestDepthsEqualOneExtractorPerDepth(t *testing.T) {
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	net, _ := models.New("squeezenet1_1")
	st, err := models.NewState(net.Params(), sd, 0)
	if err != nil {
		t.Fatal(err)
	}
	tr, be := imageprep.ImageNetAt(64), cpunet.New("")
	cut, _ := net.Cut(net.DefaultCut)
	ends := []int{cut.After, net.FeatureLayers, len(net.Layers)}
	d, err := NewDepths(net, st, ends, tr, be)
	if err != nil {
		t.Fatal(err)
	}
	dir := shareddata.Path(t, "images/imagenet-samples")
	pics := picturesIn(dir, "dog.jpg", "owl.jpg", "kite.jpg", "expected-squeezenet1_1.tsv")
	cache := NewCache(t.TempDir())
	got, err := d.Extract(context.Background(), cache, pics, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, end := range ends {
		ex, err := NewExtractor(net, st, end, tr, be)
		if err != nil {
			t.Fatal(err)
		}
		if ex.Key() != d.Keys()[k] {
			t.Errorf("depth %d: key %s, the extractor's %s", end, d.Keys()[k], ex.Key())
		}
		want, err := ex.Extract(context.Background(), NewCache(t.TempDir()), pics, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got[k].Computed != 3 || len(got[k].Unreadable) != 1 || got[k].Features[3] != nil {
			t.Errorf("depth %d: computed %d, unreadable %v", end, got[k].Computed, got[k].Unreadable)
		}
		for i := 0; i < 3; i++ {
			if len(got[k].Features[i]) != len(want.Features[i]) || maxDiff(got[k].Features[i], want.Features[i]) > 1e-4 {
				t.Errorf("depth %d picture %d: differs from the extractor's by %g", end, i, maxDiff(got[k].Features[i], want.Features[i]))
			}
		}
	}
	again, err := d.Extract(context.Background(), cache, pics[:3], nil)
	if err != nil || again[0].Computed != 0 || maxDiff(again[2].Features[1], got[2].Features[1]) != 0 {
		t.Errorf("second pass: %v, computed %d", err, again[0].Computed)
	}
	if _, err := NewDepths(net, st, []int{net.FeatureLayers, cut.After}, tr, be); err == nil {
		t.Error("depths out of order were accepted")
	}
	if per, err := d.PerPicture(context.Background(), pics[:3]); err != nil || per <= 0 {
		t.Errorf("timing: %v, %v", per, err)
	}
}

func maxDiff(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(float64(a[i]-b[i])))
	}
	return m
}
