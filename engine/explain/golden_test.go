package explain

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"transferlab/engine/models"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// golden is one file written by tools/goldens/explain/make_goldens.py:
// PyTorch's Grad-CAM maps of a network on real photos.
type golden struct {
	Network  string `json:"network"`
	Weights  string `json:"weights"` // "imagenet" (the shared real weights) or "formula"
	Layer    string `json:"layer"`
	Pictures []struct {
		Picture string      `json:"picture"`
		Class   int         `json:"class"`
		Cam     [][]float64 `json:"cam"`
	} `json:"pictures"`
}

// TestGradCAMMatchesPyTorch compares our maps with PyTorch's, picture by
// picture: same top class, same layer and size, correlation at least 0.99.
func TestGradCAMMatchesPyTorch(t *testing.T) {
	data := shareddata.Path(t, "")
	for _, name := range []string{"squeezenet1_1", "resnet18"} {
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, name)
			e, err := Pretrained(g.Network, goldenWeights(t, g, data))
			if err != nil {
				t.Fatal(err)
			}
			if e.Layer() != g.Layer {
				t.Errorf("layer %s, PyTorch's golden is at %s", e.Layer(), g.Layer)
			}
			for _, p := range g.Pictures {
				m, err := e.File(context.Background(), filepath.Join(data, "images", "imagenet-samples", p.Picture), -1)
				if err != nil {
					t.Fatal(err)
				}
				if m.Class != p.Class {
					t.Errorf("%s: top class %d, PyTorch %d", p.Picture, m.Class, p.Class)
				}
				if m.H != len(p.Cam) || m.W != len(p.Cam[0]) {
					t.Fatalf("%s: map %dx%d, PyTorch %dx%d", p.Picture, m.H, m.W, len(p.Cam), len(p.Cam[0]))
				}
				r := correlation(m.Values, p.Cam)
				t.Logf("%s %s: class %d (%s), %dx%d map, correlation with PyTorch %.7f, largest difference %.2g",
					name, p.Picture, m.Class, m.Label, m.H, m.W, r, maxDiff(m.Values, p.Cam))
				if r < 0.99 {
					t.Errorf("%s: correlation %.4f with PyTorch's map, want >= 0.99", p.Picture, r)
				}
			}
		})
	}
}

func readGolden(t *testing.T, network string) golden {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "gradcam-"+network+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// goldenWeights are the weights the golden was made with.
func goldenWeights(t *testing.T, g golden, data string) weights.StateDict {
	t.Helper()
	if g.Weights == "formula" {
		net, err := models.New(g.Network)
		if err != nil {
			t.Fatal(err)
		}
		return formulaStateDict(net.Params())
	}
	sd, _, err := weights.LoadAny(filepath.Join(data, "weights", g.Network+"-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	return sd
}

// correlation is Pearson's r between our map and PyTorch's (rows first).
func correlation(ours []float32, theirs [][]float64) float64 {
	var xs, ys []float64
	for i, row := range theirs {
		for j, v := range row {
			xs = append(xs, float64(ours[i*len(row)+j]))
			ys = append(ys, v)
		}
	}
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i] / n
		my += ys[i] / n
	}
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	return sxy / math.Sqrt(sxx*syy)
}

// maxDiff is the largest |ours - theirs| over the map.
func maxDiff(ours []float32, theirs [][]float64) float64 {
	var d float64
	for i, row := range theirs {
		for j, v := range row {
			d = max(d, math.Abs(float64(ours[i*len(row)+j])-v))
		}
	}
	return d
}
