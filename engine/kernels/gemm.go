package kernels

import (
	"fmt"
	"runtime"
)

// The packed GEMM follows the Goto/BLIS scheme. C is cut into tiles, each
// owned by one goroutine; a tile walks k in blocks of kern.kc, packs the
// kc×nc block of B once (it stays in L2) and, for each block of at most
// gemmMCBlock rows of A, runs the micro-kernel over every mr×nr micro-tile
// with one kc×nr micro-panel of B in L1 at a time.

// gemmBlockFloats bounds a packed block of A rows (and of B columns) to
// 256 KiB, half a typical L2.
const gemmBlockFloats = 64 << 10

// gemmTileFloats bounds the scratch output tile of an epilogue plan
// (256 KiB): wide enough that the prepacked weights of a deep layer are
// streamed once per 100-odd columns, small enough to stay in L2.
const gemmTileFloats = 64 << 10

// gemmSerialFlops is the problem size (m·n·k) under which a GEMM stays on the
// calling goroutine: starting goroutines costs more than it saves there.
const gemmSerialFlops = 1 << 16

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
	if k == 0 || alpha == 0 {
		scaleMatrix(m, n, beta, c, ldc)
		return
	}
	if beta != 0 && beta != 1 {
		scaleMatrix(m, n, beta, c, ldc)
	}
	p := &gemmPlan{
		kern: activeKernels.pick(m), m: m, n: n, k: k,
		a: matrixSource{v: denseMatrix{a, lda}, linesAreRows: !transA, alpha: alpha},
		b: matrixSource{v: denseMatrix{b, ldb}, linesAreRows: transB, alpha: 1},
		c: c, ldc: ldc, accumulate: beta != 0,
	}
	p.run(p.gridJobs(p.workers()))
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

// gemmPlan is one multiplication C (m×n) = A (m×k) · B (k×n) with its
// operands as panel sources. The result goes either straight into c (with
// leading dimension ldc, added to it when accumulate), or, when epi is set,
// into a per-goroutine scratch tile that epi then consumes (a convolution
// scatters it into NCHW with bias and activation, or adds it back onto an
// image with col2im).
type gemmPlan struct {
	kern       microKernel
	m, n, k    int
	kOff       int // depth k of the plan is depth kOff+k of its sources
	a, b       panelSource
	bi         indirectSource // when set, B is read in place (epi plans only)
	c          []float32
	ldc        int
	accumulate bool
	epi        func(ws *gemmScratch, t gemmTile, out []float32, ldo int)
}

// indirectSource is a B operand the indirect micro-kernels read in place.
type indirectSource interface {
	// offsets writes the byte offsets of B's rows [p0, p0+kc) from a
	// panel's base and returns the largest (none is negative).
	offsets(offs []int, p0, kc int) int
	// base returns the memory from the first element of the panel whose
	// first column is j (a multiple of nr) to the end of the buffer.
	base(j int) []float32
}

// gemmTile is a block of C: rows [i0, i1), columns [j0, j1).
type gemmTile struct{ i0, i1, j0, j1 int }

// gemmScratch is one goroutine's memory: packed blocks, the output tile, an
// edge tile and a row of a virtual matrix. It is pooled, so steady-state
// inference and training allocate none of it.
type gemmScratch struct {
	a, b, c, edge, row []float32
	offs               []int
	segs               []posSeg
	dw                 []float32 // padded planes of depthwise3x3
	dwKey              [6]int    // the shape dw's zero border was made for
}

// grow returns (*s)[:n], reallocating when the capacity is short.
func grow(s *[]float32, n int) []float32 {
	if cap(*s) < n {
		*s = make([]float32, n)
	}
	return (*s)[:n]
}

// workers is how many goroutines the plan is worth.
func (p *gemmPlan) workers() int {
	if p.m*p.n*p.k < gemmSerialFlops {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}

// mcBlock is the number of A rows packed at once (a multiple of mr).
func (p *gemmPlan) mcBlock() int {
	return max(p.kern.mr, gemmBlockFloats/p.kern.kc/p.kern.mr*p.kern.mr)
}

// ncMax is the widest tile whose packed B block stays within the L2 budget.
func (p *gemmPlan) ncMax() int {
	return max(p.kern.nr, gemmBlockFloats/p.kern.kc/p.kern.nr*p.kern.nr)
}

// gridJobs cuts C into tiles, one job each, aiming at about eight jobs per
// worker so goroutines finish together even when C is small in one
// direction. Columns are halved first, down to 2 micro-panels, then rows,
// down to 2 micro-panels; every tile starts on a micro-tile boundary.
func (p *gemmPlan) gridJobs(workers int) [][]gemmTile {
	mr, nr := p.kern.mr, p.kern.nr
	mc, nc := roundUp(p.m, mr), min(roundUp(p.n, nr), p.ncMax())
	if p.epi != nil {
		// The output tile, accumulated over every k block and read back by
		// the epilogue, stays in L2 next to the packed blocks: narrower
		// tiles first (B is packed once either way), then fewer rows.
		nc = min(nc, max(nr, gemmTileFloats/mc/nr*nr))
		for mc > 2*mr && mc*nc > gemmTileFloats {
			mc = roundUp(mc/2, mr)
		}
	}
	for workers > 1 && ceilDiv(p.m, mc)*ceilDiv(p.n, nc) < 8*workers {
		switch {
		case nc > 2*nr:
			nc = roundUp(nc/2, nr)
		case mc > 2*mr:
			mc = roundUp(mc/2, mr)
		default:
			return p.tiles(mc, nc)
		}
	}
	return p.tiles(mc, nc)
}

func (p *gemmPlan) tiles(mc, nc int) [][]gemmTile {
	var jobs [][]gemmTile
	for i0 := 0; i0 < p.m; i0 += mc {
		for j0 := 0; j0 < p.n; j0 += nc {
			jobs = append(jobs, []gemmTile{{i0, min(i0+mc, p.m), j0, min(j0+nc, p.n)}})
		}
	}
	return jobs
}

// run computes every tile of every job; the tiles of one job run in order on
// one goroutine (an epilogue that adds into shared memory relies on this).
func (p *gemmPlan) run(jobs [][]gemmTile) {
	forEachJob(len(jobs), func(ws *gemmScratch, j int) {
		for _, t := range jobs[j] {
			p.tile(ws, t)
		}
	})
}

// planTile is a tile of one of several plans run together.
type planTile struct {
	p *gemmPlan
	t gemmTile
}

// runTiles computes tiles of several plans on all goroutines.
func runTiles(tiles []planTile) {
	forEachJob(len(tiles), func(ws *gemmScratch, j int) {
		tiles[j].p.tile(ws, tiles[j].t)
	})
}

// tile computes one tile of C.
func (p *gemmPlan) tile(ws *gemmScratch, t gemmTile) {
	kr := p.kern
	mr, nr := kr.mr, kr.nr
	mc, nc := t.i1-t.i0, t.j1-t.j0
	out, ldo := p.c, p.ldc
	if p.epi != nil {
		ldo = roundUp(nc, nr)
		out = grow(&ws.c, roundUp(mc, mr)*ldo)
	} else {
		out = out[t.i0*ldo+t.j0:]
	}
	mcb := p.mcBlock()
	for p0 := 0; p0 < p.k; p0 += kr.kc {
		kc := min(kr.kc, p.k-p0)
		acc := p0 > 0 || (p.accumulate && p.epi == nil)
		var bp []float32
		var boffs []int
		maxOff := 0
		if p.bi != nil {
			if cap(ws.offs) < kc {
				ws.offs = make([]int, kc)
			}
			boffs = ws.offs[:kc]
			maxOff = p.bi.offsets(boffs, p.kOff+p0, kc)
		} else {
			bp = p.b.pack(ws, grow(&ws.b, roundUp(nc, nr)*kc), nr, t.j0, nc, p.kOff+p0, kc)
		}
		for ib := 0; ib < mc; ib += mcb {
			rows := min(mcb, mc-ib)
			ap := p.a.pack(ws, grow(&ws.a, roundUp(rows, mr)*kc), mr, t.i0+ib, rows, p.kOff+p0, kc)
			for jr := 0; jr < nc; jr += nr {
				cols := min(nr, nc-jr)
				if p.bi != nil {
					base := p.bi.base(t.j0 + jr)
					for ir := 0; ir < rows; ir += mr {
						kr.ind(kc, ap[ir*kc:(ir+mr)*kc], base, boffs, maxOff, out[(ib+ir)*ldo+jr:], ldo, acc)
					}
					continue
				}
				bpan := bp[jr*kc : (jr+nr)*kc]
				for ir := 0; ir < rows; ir += mr {
					apan := ap[ir*kc : (ir+mr)*kc]
					dst := out[(ib+ir)*ldo+jr:]
					if r := min(mr, rows-ir); p.epi == nil && (r < mr || cols < nr) {
						p.edgeTile(ws, kc, apan, bpan, dst, ldo, r, cols, acc)
						continue
					}
					kr.fn(kc, apan, bpan, dst, ldo, acc)
				}
			}
		}
	}
	if p.epi != nil {
		p.epi(ws, t, out, ldo)
	}
}

// edgeTile runs the micro-kernel on scratch and stores only the rows×cols
// part that lies inside C (packing padded the operands with zeros). The sum
// each element gets is the one a full tile would give it.
func (p *gemmPlan) edgeTile(ws *gemmScratch, kc int, ap, bp, c []float32, ldc, rows, cols int, acc bool) {
	nr := p.kern.nr
	edge := grow(&ws.edge, p.kern.mr*nr)
	p.kern.fn(kc, ap, bp, edge, nr, false)
	for i := range rows {
		dst := c[i*ldc : i*ldc+cols]
		src := edge[i*nr : i*nr+cols]
		if !acc {
			copy(dst, src)
			continue
		}
		for j := range dst {
			dst[j] += src[j]
		}
	}
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func roundUp(a, b int) int { return ceilDiv(a, b) * b }

// runtimeWorkers is GOMAXPROCS.
func runtimeWorkers() int { return runtime.GOMAXPROCS(0) }
