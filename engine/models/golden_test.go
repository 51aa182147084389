package models

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/npy"
)

// goldenCase is one network make_goldens.py ran: the input shape it used and
// how far this engine's logits may be from torchvision's, relative to the
// largest logit's magnitude. Each tolerance is 4× the worst agreement
// measured (AVX/FMA and portable Go kernels, 1 and 2 threads; README lists
// the figures), rounded up to 1, 2 or 5 × 10ⁿ, so that a numeric regression
// fails instead of hiding under a loose bound.
type goldenCase struct {
	golden string
	input  []int
	tol    float64
}

// Logits equal torchvision's within each case's tolerance, for the formula
// weights and inputs.
func TestLogitsMatchTorchvision(t *testing.T) {
	for _, c := range []goldenCase{
		{"squeezenet1_1", []int{2, 3, 72, 72}, 2e-6},  // measured 4.5e-7
		{"mobilenet_v2", []int{2, 3, 64, 64}, 2e-5},   // 4.5e-6
		{"resnet18", []int{2, 3, 64, 64}, 5e-6},       // 1.2e-6
		{"resnet50", []int{1, 3, 64, 64}, 1e-5},       // 1.9e-6
		{"alexnet", []int{2, 3, 96, 96}, 1e-5},        // 2.1e-6
		{"vgg16", []int{1, 3, 64, 64}, 2e-5},          // 3.7e-6
		{"resnet18@224", []int{1, 3, 224, 224}, 5e-6}, // 8.8e-7
	} {
		t.Run(c.golden, func(t *testing.T) {
			if testing.Short() && (c.golden == "vgg16" || strings.Contains(c.golden, "@")) {
				t.Skip("large network; runs without -short")
			}
			wantShape, want, err := npy.Read(filepath.Join("testdata", c.golden+".logits.npy"))
			if err != nil {
				t.Fatalf("golden missing (run tools/goldens/models/make_goldens.py): %v", err)
			}
			got, gotShape := formulaForward(t, strings.Split(c.golden, "@")[0], c.input)
			if fmt.Sprint(gotShape) != fmt.Sprint(wantShape) {
				t.Fatalf("output shape %v, torchvision %v", gotShape, wantShape)
			}
			assertClose(t, got, want, c.tol)
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

// assertClose fails unless max|got-want| <= tol * max|want|. It logs the
// agreement reached (visible with -v), the figure each tolerance is set from.
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
	t.Logf("max |diff| = %.3g, max |want| = %.3g, relative %.3g (tolerance %g)", maxDiff, maxMag, maxDiff/maxMag, tol)
	if maxDiff > tol*maxMag {
		t.Fatalf("element %d: got %g, want %g (max |diff| %.3g > %g * %.3g)", worst, got[worst], want[worst], maxDiff, tol, maxMag)
	}
}
