package kernels

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// randSlice returns n values uniform in [-1, 1) from a seeded source, so every
// test run sees the same numbers.
func randSlice(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = rng.Float32()*2 - 1
	}
	return s
}

// assertClose fails when got and want differ by more than tol·max(1, |want|)
// anywhere, naming the first offending index.
func assertClose(t *testing.T, what string, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(want))
	}
	for i := range want {
		g, w := float64(got[i]), float64(want[i])
		if math.IsNaN(g) != math.IsNaN(w) || math.Abs(g-w) > tol*math.Max(1, math.Abs(w)) {
			t.Fatalf("%s: element %d = %v, want %v (tol %g)", what, i, g, w, tol)
		}
	}
}

// name formats a sub-test name from its parameters.
func name(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func fillNaN(slices ...[]float32) {
	for _, s := range slices {
		for i := range s {
			s[i] = float32(math.NaN())
		}
	}
}

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func abs(v float64) float64 { return math.Abs(v) }

// sums accumulates reference dot products in float64 together with the sum of
// the absolute values of their terms, which bounds the rounding error any
// float32 summation order can make.
type sums struct{ val, mag []float64 }

func newSum(n int) sums { return sums{make([]float64, n), make([]float64, n)} }

func (s sums) add(i int, a, b float32) {
	p := float64(a) * float64(b)
	s.val[i] += p
	s.mag[i] += math.Abs(p)
}

// check allows an error of 2e-6 of the term magnitude (float32 has 6e-8
// resolution; blocked sums of a few thousand terms stay well inside that).
func (s sums) check(t *testing.T, what string, got []float32) {
	t.Helper()
	if len(got) != len(s.val) {
		t.Fatalf("%s: length %d, want %d", what, len(got), len(s.val))
	}
	for i, w := range s.val {
		if d := math.Abs(float64(got[i]) - w); !(d <= 2e-6*s.mag[i]+1e-7) {
			t.Fatalf("%s: element %d = %v, want %v (terms' magnitude %v)", what, i, got[i], w, s.mag[i])
		}
	}
}
