package kernels

import "math"

// Elementwise loops shared by the epilogues, activations and their
// gradients. On amd64 with AVX the bulk of each slice runs as 8-lane vector
// code (vec_amd64.go); the scalar code here handles the tails and other
// CPUs, with the same results: no fused multiply-add (so x·s + b rounds as
// the Go expression does), and clamps written as "if lo > v { v = lo }",
// which is what VMAXPS computes (a NaN v stays NaN, −0 stays −0).

var (
	negInf = float32(math.Inf(-1))
	posInf = float32(math.Inf(1))
)

// affineClamp writes y = clamp(x·s + b, lo, hi), skipping the multiply-add
// unless affine. Pass lo = −Inf, hi = +Inf for no clamp. y may alias x.
func affineClamp(x, y []float32, affine bool, s, b, lo, hi float32) {
	y = y[:len(x)]
	n := vecAffineClamp(x, y, affine, s, b, lo, hi)
	x, y = x[n:], y[n:]
	for i, v := range x {
		if affine {
			v = v*s + b
		}
		if lo > v {
			v = lo
		}
		if hi < v {
			v = hi
		}
		y[i] = v
	}
}

// addClamp writes y = clamp(a + b, lo, hi). y may alias a or b.
func addClamp(a, b, y []float32, lo, hi float32) {
	b, y = b[:len(a)], y[:len(a)]
	n := vecAddClamp(a, b, y, lo, hi)
	a, b, y = a[n:], b[n:], y[n:]
	for i, v := range a {
		v += b[i]
		if lo > v {
			v = lo
		}
		if hi < v {
			v = hi
		}
		y[i] = v
	}
}

// clampMask writes dx = dy where lo < x < hi or x is NaN, and 0 elsewhere.
func clampMask(x, dy, dx []float32, lo, hi float32) {
	dy, dx = dy[:len(x)], dx[:len(x)]
	n := vecClampMask(x, dy, dx, lo, hi)
	x, dy, dx = x[n:], dy[n:], dx[n:]
	for i, v := range x {
		if v <= lo || v >= hi {
			dx[i] = 0
		} else {
			dx[i] = dy[i]
		}
	}
}

// maxNaN writes dst = max(a, b) elementwise, NaN when either is NaN (Go's
// max; the vector part may keep −0 where max would give +0). dst may alias
// a or b.
func maxNaN(dst, a, b []float32) {
	a, b = a[:len(dst)], b[:len(dst)]
	n := vecMax(dst, a, b)
	for i := n; i < len(dst); i++ {
		dst[i] = max(a[i], b[i])
	}
}
