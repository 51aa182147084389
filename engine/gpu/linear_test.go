package gpu

import (
	"fmt"
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
)

// TestGemm runs every GEMM layout with every transpose combination, alpha
// and beta, on sizes that are not multiples of their tiles (and span two of
// them) with leading dimensions wider than the matrices; in one pass, with
// split-K forced (3 slices, the last one short) and with split-K chosen for
// a long k.
func TestGemm(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(1))
	const pad = 3
	for _, tc := range []struct {
		transA, transB bool
		alpha, beta    float32
		m, n, k        int
		splits         int
	}{
		{false, false, 1, 0, 131, 133, 21, 0}, {false, true, 0.5, 1, 131, 133, 21, 0},
		{true, false, -1.5, 0.25, 131, 133, 21, 0}, {true, true, 2, -1, 131, 133, 21, 0},
		{false, false, 1, 0, 67, 133, 37, 3}, {true, true, 2, -1, 67, 133, 37, 3},
		{false, true, 1, 0.5, 5, 9, 2100, 0}, {true, false, 1, 0, 7, 3, 2500, 0},
	} {
		for kernel := 1; kernel <= len(gemmKernels); kernel++ {
			m, n, k := tc.m, tc.n, tc.k
			name := fmt.Sprintf("%dx%dx%d,tA=%v,tB=%v,a=%g,b=%g,splits=%d,kernel=%d", m, n, k, tc.transA, tc.transB, tc.alpha, tc.beta, tc.splits, kernel)
			t.Run(name, func(t *testing.T) {
				rowsA, colsA := m, k
				if tc.transA {
					rowsA, colsA = k, m
				}
				rowsB, colsB := k, n
				if tc.transB {
					rowsB, colsB = n, k
				}
				lda, ldb, ldc := colsA+pad, colsB+pad, n+pad
				a, b, c := randn(r, rowsA*lda), randn(r, rowsB*ldb), randn(r, m*ldc)
				ta, tb, tcT := upload(t, d, a, len(a)), upload(t, d, b, len(b)), upload(t, d, c, len(c))
				err := d.gemm(gemmArgs{m: m, n: n, k: k, a: ta.buf, lda: lda, transA: tc.transA,
					b: tb.buf, ldb: ldb, transB: tc.transB, c: tcT.buf, ldc: ldc, alpha: tc.alpha, beta: tc.beta,
					splits: tc.splits, kernel: kernel})
				if err != nil {
					t.Fatal(err)
				}
				kernels.Gemm(tc.transA, tc.transB, m, n, k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
				expectClose(t, d, "C", tcT, c)
			})
		}
	}
}

// TestLinear checks Linear and LinearBackward against kernels.Gemm and
// ChannelSum with sizes that are not multiples of the GEMM tile.
func TestLinear(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(2))
	const n, in, out = 3, 37, 131
	xs, ws, bs, dys := randn(r, n*in), randn(r, out*in), randn(r, out), randn(r, n*out)
	x, w, b, dy := upload(t, d, xs, n, in), upload(t, d, ws, out, in), upload(t, d, bs, out), upload(t, d, dys, n, out)

	y, err := d.Linear(x, w, b)
	must(t, err, y)
	want := make([]float32, n*out)
	kernels.Gemm(false, true, n, out, in, 1, xs, in, ws, in, 0, want, out)
	kernels.AddChannelBias(n, out, 1, want, bs, want)
	expectShape(t, "y", y, n, out)
	expectClose(t, d, "Linear", y, want)

	dx, dw, db, err := d.LinearBackward(x, w, dy, true)
	must(t, err, dx, dw, db)
	wantDX, wantDW, wantDB := make([]float32, n*in), make([]float32, out*in), make([]float32, out)
	kernels.Gemm(false, false, n, in, out, 1, dys, out, ws, in, 0, wantDX, in)
	kernels.Gemm(true, false, out, in, n, 1, dys, out, xs, in, 0, wantDW, in)
	kernels.ChannelSum(n, out, 1, dys, wantDB)
	expectClose(t, d, "dx", dx, wantDX)
	expectClose(t, d, "dw", dw, wantDW)
	expectClose(t, d, "db", db, wantDB)

	dx2, dw2, db2, err := d.LinearBackward(x, w, dy, false)
	must(t, err, dw2, db2)
	if dx2 != nil {
		t.Error("LinearBackward without needDX returned dx")
	}
	expectClose(t, d, "dw (no dx)", dw2, wantDW)

	if _, err := d.Linear(x, w, dy); err == nil {
		t.Error("Linear accepted a bias of the wrong size")
	}
}

// TestChannelSum covers channels reduced by more values than a workgroup
// has invocations.
func TestChannelSum(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(3))
	for _, s := range [][3]int{{2, 5, 7}, {3, 2, 300}, {70, 4, 1}} {
		n, c, hw := s[0], s[1], s[2]
		dys := randn(r, n*c*hw)
		db, err := d.ChannelSum(n, c, hw, upload(t, d, dys, n, c, hw))
		must(t, err, db)
		want := make([]float32, c)
		kernels.ChannelSum(n, c, hw, dys, want)
		expectClose(t, d, fmt.Sprint("ChannelSum", s), db, want)
	}
}

// TestGemmEpilogueSplit checks a split-K GEMM that writes a conv-style
// output (columns across images) with a row bias and ReLU6.
func TestGemmEpilogueSplit(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(13))
	const m, imgs, p, k = 5, 3, 7, 40 // C: (imgs, m, p) seen as m × imgs·p
	as, bs, bias := randn(r, m*k), randn(r, k*imgs*p), randn(r, m)
	ta, tb, tbias := upload(t, d, as, m*k), upload(t, d, bs, k*imgs*p), upload(t, d, bias, m)
	plain := make([]float32, m*imgs*p)
	kernels.Gemm(false, false, m, imgs*p, k, 1, as, k, bs, imgs*p, 0, plain, imgs*p)
	want := make([]float32, len(plain))
	for i := range m {
		for j := range imgs * p {
			want[(j/p)*m*p+i*p+j%p] = min(max(plain[i*imgs*p+j]+bias[i], 0), 6)
		}
	}
	for kernel := 1; kernel <= len(gemmKernels); kernel++ {
		y, err := d.Zeros(imgs, m, p)
		must(t, err, y)
		err = d.gemm(gemmArgs{m: m, n: imgs * p, k: k, a: ta.buf, lda: k, b: tb.buf, ldb: imgs * p,
			c: y.buf, ldc: p, cP: p, cS: m * p, alpha: 1, bias: tbias.buf, biasRows: true, act: ActReLU6,
			splits: 2, kernel: kernel})
		if err != nil {
			t.Fatal(err)
		}
		expectClose(t, d, fmt.Sprint("y kernel ", kernel), y, want)
	}
}
