//go:build !amd64 || purego

package kernels

func vecAffineClamp(x, y []float32, affine bool, s, b, lo, hi float32) int { return 0 }

func vecAddClamp(a, b, y []float32, lo, hi float32) int { return 0 }

func vecClampMask(x, dy, dx []float32, lo, hi float32) int { return 0 }

// No vector loops here; these stay false (tests may read them).
var useAVX, useDepthwiseAVX = false, false

func dwConv9(dst []float32, src *[9]*float32, wt *[9]float32, n int) {
	panic("kernels: no vector depthwise loop on this architecture")
}

func dwGrad9(dy []float32, src *[9]*float32, part *[72]float32, n int) {
	panic("kernels: no vector depthwise loop on this architecture")
}

func vecSplitPairs(src, even, odd []float32) int { return 0 }

func vecSums(x []float32, mu float64) (s, sq float64, n int) { return 0, 0, 0 }

func vecDySums(x, dy []float32, mu float64) (sd, sdx float64, n int) { return 0, 0, 0 }

func vecBNBackward(x, dy, dx []float32, a, b, m, c float32) int { return 0 }

func vecMax(dst, a, b []float32) int { return 0 }
