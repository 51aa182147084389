package kernels

// Packing turns GEMM operands into the micro-panels the micro-kernels read.
// Both operands are described the same way: a "line" is a row of A or a
// column of B, "depth" runs along the shared dimension k, and a block of
// lines [l0, l0+n) over depths [p0, p0+kc) is packed as ceil(n/w) panels of
// w lines (w = mr for A, nr for B), each stored depth-major ([kc][w]), lines
// past n set to zero so edge tiles need no special casing in the kernels.
//
// Operands are virtual matrices: a plain row-major matrix, the im2col matrix
// of a convolution (never materialised), or an NCHW tensor seen as
// channels × (image, position). Each can serve as lines-are-rows or
// lines-are-columns, which covers transposed operands.

// panelSource produces packed blocks of one operand.
type panelSource interface {
	// pack returns lines [l0, l0+n) over depth [p0, p0+kc) as panels of w
	// lines. It writes dst (at least roundUp(n, w)·kc long) or returns
	// memory packed beforehand; ws is the calling goroutine's scratch.
	pack(ws *gemmScratch, dst []float32, w, l0, n, p0, kc int) []float32
}

// virtualMatrix yields pieces of rows of a matrix that may not exist in
// memory.
type virtualMatrix interface {
	// row returns elements [c0, c0+n) of row r, either as a view of
	// existing memory or written into ws.row.
	row(ws *gemmScratch, r, c0, n int) []float32
}

// matrixSource packs a virtual matrix whose rows are lines (linesAreRows) or
// whose columns are lines, scaling by alpha.
type matrixSource struct {
	v            virtualMatrix
	linesAreRows bool
	alpha        float32
}

func (s matrixSource) pack(ws *gemmScratch, dst []float32, w, l0, n, p0, kc int) []float32 {
	panels := ceilDiv(n, w)
	dst = dst[:panels*w*kc]
	if n%w != 0 {
		clear(dst[(panels-1)*w*kc:]) // the last panel's missing lines are zero
	}
	if s.linesAreRows {
		// Line r is matrix row l0+r, read along depth and written with stride w.
		for r := range n {
			src := s.v.row(ws, l0+r, p0, kc)
			panel := dst[(r/w)*w*kc+r%w:]
			if s.alpha == 1 {
				for q, v := range src {
					panel[q*w] = v
				}
			} else {
				for q, v := range src {
					panel[q*w] = s.alpha * v
				}
			}
		}
		return dst
	}
	// Depth q is matrix row p0+q; its n elements are cut into w-wide pieces.
	for q := range kc {
		src := s.v.row(ws, p0+q, l0, n)
		for jb := 0; jb < n; jb += w {
			d := dst[(jb/w)*w*kc+q*w:]
			piece := src[jb:min(jb+w, n)]
			if s.alpha == 1 {
				copy(d, piece)
				continue
			}
			for i, v := range piece {
				d[i] = s.alpha * v
			}
		}
	}
	return dst
}

// denseMatrix is a row-major matrix with leading dimension ld.
type denseMatrix struct {
	data []float32
	ld   int
}

func (d denseMatrix) row(_ *gemmScratch, r, c0, n int) []float32 {
	o := r*d.ld + c0
	return d.data[o : o+n]
}

// packedOperand is an operand packed once for a whole GEMM (a convolution's
// weights, reused by every tile, image and goroutine): for each kc-deep block
// of k, all lines as panels of w. pack returns views of it, so tiles must
// start at multiples of w and depth blocks at multiples of kc.
type packedOperand struct {
	data     []float32
	lines, k int
	w, kc    int
	linesPad int // lines rounded up to w
}

// prepack packs every line of src for kernel kern (w = mr when src is A).
// Blocks of depth and groups of lines are packed in parallel (a deep
// layer's weights are megabytes).
func prepack(src panelSource, w, kc, lines, k int, buf []float32) *packedOperand {
	p := &packedOperand{lines: lines, k: k, w: w, kc: kc, linesPad: roundUp(lines, w)}
	if cap(buf) < p.linesPad*k {
		buf = make([]float32, p.linesPad*k)
	}
	p.data = buf[:p.linesPad*k]
	blocks := ceilDiv(k, kc)
	group := roundUp(max(w, 16<<10/kc), w) // lines per job: about 64 KiB of panels
	groups := ceilDiv(lines, group)
	if lines*k < 1<<14 { // small: not worth the goroutines
		ws := scratchPool.get()
		for j := range blocks * groups {
			p.packPart(ws, src, j/groups, j%groups, group)
		}
		scratchPool.put(ws)
		return p
	}
	forEachJob(blocks*groups, func(ws *gemmScratch, j int) { p.packPart(ws, src, j/groups, j%groups, group) })
	return p
}

// packPart packs lines [gi·group, …) of depth block b.
func (p *packedOperand) packPart(ws *gemmScratch, src panelSource, b, gi, group int) {
	p0, l0 := b*p.kc, gi*group
	d, n := min(p.kc, p.k-p0), min(group, p.lines-l0)
	src.pack(ws, p.data[p0*p.linesPad+l0*d:], p.w, l0, n, p0, d)
}

func (p *packedOperand) pack(_ *gemmScratch, _ []float32, w, l0, n, p0, kc int) []float32 {
	if w != p.w || l0%w != 0 || p0%p.kc != 0 || kc != min(p.kc, p.k-p0) {
		panic("kernels: packed operand used with a different blocking")
	}
	o := p0*p.linesPad + l0*kc
	return p.data[o : o+roundUp(n, w)*kc]
}
