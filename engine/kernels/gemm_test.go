package kernels

import (
	"math"
	"math/rand"
	"runtime"
	"slices"
	"testing"
)

// naiveGemm is the reference: the textbook triple loop in float64.
func naiveGemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				ai, bi := i*lda+p, p*ldb+j
				if transA {
					ai = p*lda + i
				}
				if transB {
					bi = j*ldb + p
				}
				av, bv := a[ai], b[bi]
				s += float64(av) * float64(bv)
			}
			old := float64(0)
			if beta != 0 {
				old = float64(beta) * float64(c[i*ldc+j])
			}
			c[i*ldc+j] = float32(float64(alpha)*s + old)
		}
	}
}

func TestGemmMatchesNaive(t *testing.T) {
	shapes := []struct{ m, n, k int }{
		{1, 1, 1}, {1, 17, 5}, {7, 1, 3}, {3, 5, 0}, {5, 3, 7}, {4, 16, 9},
		{13, 31, 257}, {65, 33, 19}, {67, 515, 300}, // several MC, NC and KC blocks
	}
	rng := rand.New(rand.NewSource(1))
	for _, s := range shapes {
		for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			t.Run(name("%dx%dx%d_tA%v_tB%v", s.m, s.n, s.k, tr[0], tr[1]), func(t *testing.T) {
				checkGemmCase(t, rng, tr[0], tr[1], s.m, s.n, s.k, 1.5, 0.5)
			})
		}
	}
}

// checkGemmCase builds matrices with leading dimensions larger than needed
// (so stride bugs show) and compares Gemm with naiveGemm.
func checkGemmCase(t *testing.T, rng *rand.Rand, transA, transB bool, m, n, k int, alpha, beta float32) {
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	lda, ldb, ldc := ac+3, bc+2, n+1
	a := randSlice(rng, max(ar*lda, 1))
	b := randSlice(rng, max(br*ldb, 1))
	c := randSlice(rng, max(m*ldc, 1))
	want := append([]float32(nil), c...)
	naiveGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
	Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	assertClose(t, "C", c, want, 1e-5*math.Sqrt(float64(k+1)))
}

func TestGemmAlphaBetaCases(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, ab := range [][2]float32{{1, 0}, {1, 1}, {-2, 0.25}, {0, 3}} {
		t.Run(name("alpha%v_beta%v", ab[0], ab[1]), func(t *testing.T) {
			checkGemmCase(t, rng, false, true, 9, 21, 11, ab[0], ab[1])
		})
	}
}

// BLAS semantics: beta == 0 overwrites C, so garbage (NaN) in C must vanish.
func TestGemmBetaZeroIgnoresNaN(t *testing.T) {
	a := []float32{1, 2, 3, 4} // 2x2
	b := []float32{5, 6, 7, 8} // 2x2
	c := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.NaN()), 1}
	Gemm(false, false, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2)
	assertClose(t, "C", c, []float32{19, 22, 43, 50}, 0)
}

func TestGemmPanicsOnShortSlice(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Gemm accepted a 3-element A for a 2x2 matrix")
		}
	}()
	c := make([]float32, 4)
	Gemm(false, false, 2, 2, 2, 1, make([]float32, 3), 2, make([]float32, 4), 2, 0, c, 2)
}

// The package promises bit-identical results whatever the number of
// goroutines (the tiling changes with it, the summation order must not).
func TestGemmDeterministicAcrossWorkers(t *testing.T) {
	const m, n, k = 70, 300, 600
	rng := rand.New(rand.NewSource(4))
	a, b := randSlice(rng, m*k), randSlice(rng, k*n)
	var results [][]float32
	for _, procs := range []int{1, 2, 5} {
		old := runtime.GOMAXPROCS(procs)
		c := make([]float32, m*n)
		Gemm(false, true, m, n, k, 1, a, k, b, k, 0, c, n)
		runtime.GOMAXPROCS(old)
		results = append(results, c)
	}
	for i := 1; i < len(results); i++ {
		if !slices.Equal(results[0], results[i]) {
			t.Fatalf("Gemm results differ between GOMAXPROCS 1 and run %d", i)
		}
	}
}

// BenchmarkGemm measures the shape of a ResNet 3×3 convolution with 256
// channels on a 56×56 map (m=256 outputs, k=256·9, n=56·56) and reports
// GFLOP/s.
func BenchmarkGemm(b *testing.B) {
	const m, n, k = 256, 3136, 2304
	rng := rand.New(rand.NewSource(3))
	a, bb, c := randSlice(rng, m*k), randSlice(rng, k*n), make([]float32, m*n)
	b.ResetTimer()
	for range b.N {
		Gemm(false, false, m, n, k, 1, a, k, bb, n, 0, c, n)
	}
	b.ReportMetric(2*m*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkGemmNarrow is a 64-filter 3×3 layer on a 56×56 map: a single row
// of tiles, which the tiling must still spread over every core.
func BenchmarkGemmNarrow(b *testing.B) {
	const m, n, k = 64, 3136, 576
	rng := rand.New(rand.NewSource(3))
	a, bb, c := randSlice(rng, m*k), randSlice(rng, k*n), make([]float32, m*n)
	b.ResetTimer()
	for range b.N {
		Gemm(false, false, m, n, k, 1, a, k, bb, n, 0, c, n)
	}
	b.ReportMetric(2*m*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}
