package kernels

import (
	"fmt"
	"runtime"
)

// Blocking parameters of the packed GEMM (Goto/BLIS scheme). A packed block of
// A (gemmMC×gemmKC floats, 64 KiB) stays in L2 while one packed micro-panel of B
// (gemmKC×nr floats, 16 KiB) stays in L1 and is reused by every micro-panel of A.
// gemmMC and gemmNC are multiples of every micro-kernel's mr and nr.
const (
	gemmKC = 256
	gemmMC = 64
	gemmNC = 512
)

// gemmSerialFlops is the problem size (m·n·k) under which Gemm stays on the
// calling goroutine: starting goroutines costs more than it saves there.
const gemmSerialFlops = 1 << 15

// Gemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, with
// op(X) = X or Xᵀ, the same contract as BLAS sgemm in row-major order:
//
//	op(A) is m×k: A[i][p] = a[i*lda+p], or a[p*lda+i] when transA
//	op(B) is k×n: B[p][j] = b[p*ldb+j], or b[j*ldb+p] when transB
//	C is m×n:     C[i][j] = c[i*ldc+j]
//
// As in BLAS, beta == 0 means C is overwritten (NaNs in C do not propagate).
// It panics if a slice is too short for its dimensions.
func Gemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	checkGemmArgs(transA, transB, m, n, k, len(a), lda, len(b), ldb, len(c), ldc)
	if m == 0 || n == 0 {
		return
	}
	scaleMatrix(m, n, beta, c, ldc)
	if k == 0 || alpha == 0 {
		return
	}
	p := gemmProblem{
		transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
		a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc, kern: selectMicroKernel(),
	}
	p.run()
}

// checkGemmArgs panics with a readable message when the leading dimensions or
// slice lengths cannot hold the matrices; a silent out-of-range read would
// otherwise only show up as a wrong number far away.
func checkGemmArgs(transA, transB bool, m, n, k, la, lda, lb, ldb, lc, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("kernels: Gemm: negative size m=%d n=%d k=%d", m, n, k))
	}
	checkMatrix("A", transA, m, k, la, lda)
	checkMatrix("B", transB, k, n, lb, ldb)
	checkMatrix("C", false, m, n, lc, ldc)
}

// checkMatrix checks a rows×cols matrix (stored transposed when trans).
func checkMatrix(name string, trans bool, rows, cols, length, ld int) {
	if trans {
		rows, cols = cols, rows
	}
	if rows == 0 || cols == 0 {
		return
	}
	if ld < cols {
		panic(fmt.Sprintf("kernels: Gemm: %s: leading dimension %d < %d columns", name, ld, cols))
	}
	if need := (rows-1)*ld + cols; length < need {
		panic(fmt.Sprintf("kernels: Gemm: %s: %d elements, a %dx%d matrix with ld %d needs %d",
			name, length, rows, cols, ld, need))
	}
}

// scaleMatrix sets C = beta·C, with beta == 0 meaning "overwrite with zeros".
func scaleMatrix(m, n int, beta float32, c []float32, ldc int) {
	if beta == 1 {
		return
	}
	for i := range m {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// gemmProblem is one Gemm call after argument checking and beta scaling; what
// is left is C += alpha·op(A)·op(B).
type gemmProblem struct {
	transA, transB bool
	m, n, k        int
	alpha          float32
	a, b, c        []float32
	lda, ldb, ldc  int
	kern           microKernel
}

// run splits C into tiles of at most gemmMC×gemmNC, one job each. Every tile
// is owned by one goroutine, which loops over all of k itself, so no two
// goroutines write the same element of C and the summation order is fixed.
func (p *gemmProblem) run() {
	workers := runtime.GOMAXPROCS(0)
	if p.m*p.n*p.k < gemmSerialFlops {
		workers = 1
	}
	mc, nc := p.tileSize(workers)
	rowTiles, colTiles := ceilDiv(p.m, mc), ceilDiv(p.n, nc)
	newWorker := func() func(int) {
		w := p.newWorker(mc, nc)
		return func(job int) {
			i0, j0 := (job/colTiles)*mc, (job%colTiles)*nc
			w.tile(i0, min(mc, p.m-i0), j0, min(nc, p.n-j0))
		}
	}
	if workers == 1 {
		do := newWorker()
		for job := range rowTiles * colTiles {
			do(job)
		}
		return
	}
	forEachJob(rowTiles*colTiles, newWorker)
}

// tileSize shrinks the tiles from gemmMC×gemmNC until there are about four
// jobs per worker, so the goroutines finish together even when C is small in
// one direction (a 64-filter layer is a single row of tiles). Columns are
// halved first, down to 4 micro-panels, then rows, down to 2.
func (p *gemmProblem) tileSize(workers int) (mc, nc int) {
	mc, nc = gemmMC, gemmNC
	for ceilDiv(p.m, mc)*ceilDiv(p.n, nc) < 4*workers {
		switch {
		case nc > 4*p.kern.nr && nc < 2*p.n:
			nc = roundUp(nc/2, p.kern.nr)
		case mc > 2*p.kern.mr && mc < 2*p.m:
			mc = roundUp(mc/2, p.kern.mr)
		default:
			return mc, nc
		}
	}
	return mc, nc
}

// gemmWorker holds one goroutine's packing buffers.
type gemmWorker struct {
	p     *gemmProblem
	packA []float32 // mc×gemmKC block of alpha·op(A), mr rows per micro-panel
	packB []float32 // gemmKC×nc block of op(B), nr columns per micro-panel
	edge  []float32 // mr×nr scratch for tiles that stick out of C
}

func (p *gemmProblem) newWorker(mc, nc int) *gemmWorker {
	return &gemmWorker{
		p:     p,
		packA: make([]float32, roundUp(min(mc, p.m), p.kern.mr)*min(gemmKC, p.k)),
		packB: make([]float32, roundUp(min(nc, p.n), p.kern.nr)*min(gemmKC, p.k)),
		edge:  make([]float32, p.kern.mr*p.kern.nr),
	}
}

// tile computes the mc×nc block of C at (i0, j0), walking k in gemmKC slices.
func (w *gemmWorker) tile(i0, mc, j0, nc int) {
	p := w.p
	for p0 := 0; p0 < p.k; p0 += gemmKC {
		kc := min(gemmKC, p.k-p0)
		packB(p, w.packB, p0, kc, j0, nc)
		packA(p, w.packA, i0, mc, p0, kc)
		w.macroKernel(i0, mc, j0, nc, kc)
	}
}

// macroKernel multiplies the packed blocks: for each B micro-panel (kept in
// L1) it sweeps all A micro-panels (kept in L2).
func (w *gemmWorker) macroKernel(i0, mc, j0, nc, kc int) {
	p, mr, nr := w.p, w.p.kern.mr, w.p.kern.nr
	for jr := 0; jr < nc; jr += nr {
		bp := w.packB[jr*kc : (jr+nr)*kc]
		cols := min(nr, nc-jr)
		for ir := 0; ir < mc; ir += mr {
			ap := w.packA[ir*kc : (ir+mr)*kc]
			rows := min(mr, mc-ir)
			off := (i0+ir)*p.ldc + j0 + jr
			if rows == mr && cols == nr {
				p.kern.fn(kc, ap, bp, p.c[off:], p.ldc)
				continue
			}
			w.edgeTile(kc, ap, bp, p.c[off:], rows, cols)
		}
	}
}

// edgeTile runs the micro-kernel on scratch and adds only the rows×cols part
// that lies inside C (packing padded the operands with zeros).
func (w *gemmWorker) edgeTile(kc int, ap, bp, c []float32, rows, cols int) {
	nr, ldc := w.p.kern.nr, w.p.ldc
	clear(w.edge)
	w.p.kern.fn(kc, ap, bp, w.edge, nr)
	for i := range rows {
		dst := c[i*ldc : i*ldc+cols]
		src := w.edge[i*nr : i*nr+cols]
		for j := range dst {
			dst[j] += src[j]
		}
	}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func roundUp(a, b int) int { return ceilDiv(a, b) * b }
