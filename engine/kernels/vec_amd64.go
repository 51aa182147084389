//go:build !purego

package kernels

import "golang.org/x/sys/cpu"

// useAVX selects the vector loops of gemm_amd64.s (AVX only, no FMA);
// useDepthwiseAVX the depthwise loop, which uses FMA too.
var (
	useAVX          = cpu.X86.HasAVX && kernelsWanted()
	useDepthwiseAVX = useAVX && cpu.X86.HasFMA
	hasAVX2         = cpu.X86.HasAVX2 // the even/odd column split, with useAVX
)

//go:noescape
func splitPairsAVX2(src, even, odd *float32, n int)

// vecSplitPairs writes even[k], odd[k] = src[2k], src[2k+1] for the first
// pairs it handles (a multiple of 8 of len(odd); 0 without AVX2) and
// returns how many; src holds 2·len(odd) elements, even at least len(odd).
func vecSplitPairs(src, even, odd []float32) int {
	n := len(odd) &^ 7
	if !useAVX || !hasAVX2 || n == 0 {
		return 0
	}
	_, _ = src[2*n-1], even[n-1]
	splitPairsAVX2(&src[0], &even[0], &odd[0], n)
	return n
}

//go:noescape
func dwConv9AVX(dst *float32, src *[9]*float32, wt *[9]float32, n int)

// dwConv9 computes dst[k] = Σ_t wt[t]·src[t][k] for k < n (a multiple of 8);
// every src[t] must have n readable elements.
func dwConv9(dst []float32, src *[9]*float32, wt *[9]float32, n int) {
	_ = dst[n-1]
	dwConv9AVX(&dst[0], src, wt, n)
}

//go:noescape
func dwGrad9AVX(dy *float32, src *[9]*float32, part *[72]float32, n int)

// dwGrad9 adds Σ_s dy[8s+l]·src[t][8s+l] to part[t·8+l] for every tap t
// and lane l, over n elements (a multiple of 8); every src[t] must have n
// readable elements.
func dwGrad9(dy []float32, src *[9]*float32, part *[72]float32, n int) {
	_ = dy[n-1]
	dwGrad9AVX(&dy[0], src, part, n)
}

//go:noescape
func affineClampAVX(x, y *float32, n int, s, b, lo, hi float32, affine int)

//go:noescape
func addClampAVX(a, b, y *float32, n int, lo, hi float32)

//go:noescape
func clampMaskAVX(x, dy, dx *float32, n int, lo, hi float32)

// The vec* functions process the longest multiple of 8 elements with AVX
// and return how many they did (0 without AVX); slices are already of equal
// length.
func vecAffineClamp(x, y []float32, affine bool, s, b, lo, hi float32) int {
	n := len(x) &^ 7
	if !useAVX || n == 0 {
		return 0
	}
	affineClampAVX(&x[0], &y[0], n, s, b, lo, hi, b2i(affine))
	return n
}

func vecAddClamp(a, b, y []float32, lo, hi float32) int {
	n := len(a) &^ 7
	if !useAVX || n == 0 {
		return 0
	}
	addClampAVX(&a[0], &b[0], &y[0], n, lo, hi)
	return n
}

func vecClampMask(x, dy, dx []float32, lo, hi float32) int {
	n := len(x) &^ 7
	if !useAVX || n == 0 {
		return 0
	}
	clampMaskAVX(&x[0], &dy[0], &dx[0], n, lo, hi)
	return n
}

//go:noescape
func sumsF64AVX(x *float32, n int, mu float64, out *[2]float64)

//go:noescape
func dySumsF64AVX(x, dy *float32, n int, mu float64, out *[2]float64)

//go:noescape
func bnBackwardAVX(x, dy, dx *float32, n int, a, b, m, c float32)

// vecSums returns Σ x and Σ (x − mu)² (in float64) over the first n
// elements it handles (a multiple of 8; 0 without AVX).
func vecSums(x []float32, mu float64) (s, sq float64, n int) {
	n = len(x) &^ 7
	if !useAVX || n == 0 {
		return 0, 0, 0
	}
	var out [2]float64
	sumsF64AVX(&x[0], n, mu, &out)
	return out[0], out[1], n
}

// vecDySums returns Σ dy and Σ dy·(x − mu) over the first n elements.
func vecDySums(x, dy []float32, mu float64) (sd, sdx float64, n int) {
	n = len(dy) &^ 7
	if !useAVX || n == 0 {
		return 0, 0, 0
	}
	_ = x[n-1]
	var out [2]float64
	dySumsF64AVX(&x[0], &dy[0], n, mu, &out)
	return out[0], out[1], n
}

// vecBNBackward writes dx = a·dy + b·(x − m) + c for the first n elements.
func vecBNBackward(x, dy, dx []float32, a, b, m, c float32) int {
	n := len(dy) &^ 7
	if !useAVX || n == 0 {
		return 0
	}
	_, _ = x[n-1], dx[n-1]
	bnBackwardAVX(&x[0], &dy[0], &dx[0], n, a, b, m, c)
	return n
}

//go:noescape
func maxNaNAVX(dst, a, b *float32, n int)

// vecMax writes dst = max(a, b) (NaN if either is) over the first n
// elements it handles (a multiple of 8; 0 without AVX).
func vecMax(dst, a, b []float32) int {
	n := len(dst) &^ 7
	if !useAVX || n == 0 {
		return 0
	}
	_, _ = a[n-1], b[n-1]
	maxNaNAVX(&dst[0], &a[0], &b[0], n)
	return n
}
