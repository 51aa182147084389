package models

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/npy"
)

// goldenInputs are the input shapes make_goldens.py used.
var goldenInputs = map[string][]int{
	"alexnet":       {2, 3, 96, 96},
	"vgg16":         {1, 3, 64, 64},
	"resnet18":      {2, 3, 64, 64},
	"resnet18@224":  {1, 3, 224, 224},
	"resnet50":      {1, 3, 64, 64},
	"mobilenet_v2":  {2, 3, 64, 64},
	"squeezenet1_1": {2, 3, 72, 72},
}

// Logits equal torchvision's within 1e-4 of the largest magnitude, for the
// formula weights and inputs.
func TestLogitsMatchTorchvision(t *testing.T) {
	for _, golden := range []string{"squeezenet1_1", "mobilenet_v2", "resnet18", "resnet50", "alexnet", "vgg16", "resnet18@224"} {
		t.Run(golden, func(t *testing.T) {
			if testing.Short() && (golden == "vgg16" || strings.Contains(golden, "@")) {
				t.Skip("large network; runs without -short")
			}
			name := strings.Split(golden, "@")[0]
			shape := goldenInputs[golden]
			wantShape, want, err := npy.Read(filepath.Join("testdata", golden+".logits.npy"))
			if err != nil {
				t.Fatalf("golden missing (run tools/goldens/models/make_goldens.py): %v", err)
			}
			got, gotShape := formulaForward(t, name, shape)
			if fmt.Sprint(gotShape) != fmt.Sprint(wantShape) {
				t.Fatalf("output shape %v, torchvision %v", gotShape, wantShape)
			}
			assertClose(t, got, want, 1e-4)
		})
	}
}

func formulaForward(t *testing.T, name string, input []int) ([]float32, []int) {
	t.Helper()
	net, err := New(name)
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewState(net.Params(), formulaStateDict(net.Params()), 1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRunner(net, st, input, len(net.Layers))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 1
	for _, d := range input {
		n *= d
	}
	y, err := r.Run(formulaInput(n))
	if err != nil {
		t.Fatal(err)
	}
	return y, r.OutputShape()
}

// assertClose fails unless max|got-want| <= tol * max|want|.
func assertClose(t *testing.T, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	var maxDiff, maxMag float64
	worst := 0
	for i := range got {
		if d := math.Abs(float64(got[i] - want[i])); d > maxDiff {
			maxDiff, worst = d, i
		}
		maxMag = math.Max(maxMag, math.Abs(float64(want[i])))
	}
	t.Logf("max |diff| = %.3g, max |want| = %.3g, relative %.3g", maxDiff, maxMag, maxDiff/maxMag)
	if maxDiff > tol*maxMag {
		t.Fatalf("element %d: got %g, want %g (max |diff| %.3g > %g * %.3g)", worst, got[worst], want[worst], maxDiff, tol, maxMag)
	}
}
