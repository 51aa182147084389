package kernels

// im2colBudget caps the scratch matrix of one im2col chunk (in floats, 4 MiB):
// VGG16's second layer would otherwise need a 576×50176 matrix (115 MB) per
// image. Chunks split the output positions, and each chunk is one GEMM.
const im2colBudget = 1 << 20

// colChunk returns how many output positions one im2col chunk covers for a
// K-row column matrix: as many as fit the budget (in floats), a multiple of 16
// so GEMM micro-tiles stay full, and never more than the p positions there are.
func colChunk(budget, k, p int) int {
	c := max(16, budget/k/16*16)
	return min(c, p)
}

// validRange returns the output indices o in [lo, hi) whose input coordinate
// o·stride + offset lies inside [0, in). Loops over that range need no bounds
// test and the rest of the output row is padding.
func validRange(out, in, stride, offset int) (lo, hi int) {
	if offset < 0 {
		lo = ceilDiv(-offset, stride)
	}
	last := in - 1 - offset // o·stride ≤ last
	if last < 0 {
		return lo, lo
	}
	hi = min(out, last/stride+1)
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// colSpan is one im2col chunk: the rows of the column matrix (one per input
// channel of the group and kernel tap) by output positions p0…p1 of one image.
type colSpan struct {
	g      ConvGeom
	p0, p1 int
}

// im2col fills col ((C/Groups)·KH·KW rows × (p1−p0) columns, row-major) from x,
// one image's channels of one group ((C/Groups)×H×W). Column q holds the input
// patch that output position p0+q multiplies; padding reads as zero.
func (s colSpan) im2col(x, col []float32) {
	s.walk(col, x, true, func(dst, src []float32, stride int) {
		if stride == 1 {
			copy(dst, src[:len(dst)])
			return
		}
		for q := range dst {
			dst[q] = src[q*stride]
		}
	})
}

// col2im is the adjoint of im2col: it adds every column entry back onto the
// input pixel it came from (pixels under several patches get the sum).
func (s colSpan) col2im(col, dx []float32) {
	s.walk(col, dx, false, func(c, x []float32, stride int) {
		if stride == 1 {
			x = x[:len(c)]
			for q, v := range c {
				x[q] += v
			}
			return
		}
		for q, v := range c {
			x[q*stride] += v
		}
	})
}

// walk visits every (row of col, output row segment) pair and hands visit the
// column segment together with the input row it maps to, starting at the first
// valid pixel and stepping by the stride. Segments that fall in the padding are
// zeroed when zeroPad is set (im2col) and skipped otherwise (col2im).
func (s colSpan) walk(col, x []float32, zeroPad bool, visit func(c, x []float32, stride int)) {
	g := s.g
	ow := g.OutW()
	np := s.p1 - s.p0
	row := 0
	for c := range g.InGroup() {
		plane := x[c*g.H*g.W : (c+1)*g.H*g.W]
		for i := range g.KH {
			for j := range g.KW {
				dst := col[row*np : (row+1)*np]
				s.walkRow(dst, plane, i, j, ow, zeroPad, visit)
				row++
			}
		}
	}
}

// walkRow handles one kernel tap (i, j) of one channel plane.
func (s colSpan) walkRow(dst, plane []float32, i, j, ow int, zeroPad bool, visit func(c, x []float32, stride int)) {
	g := s.g
	offW := j*g.DilationW - g.PadW
	lo, hi := validRange(ow, g.W, g.StrideW, offW)
	for p := s.p0; p < s.p1; {
		oh, o0 := p/ow, p%ow
		o1 := min(ow, o0+s.p1-p) // this segment ends at the row end or the chunk end
		seg := dst[p-s.p0 : p-s.p0+o1-o0]
		ih := oh*g.StrideH + i*g.DilationH - g.PadH
		if ih < 0 || ih >= g.H {
			if zeroPad {
				clear(seg)
			}
			p += o1 - o0
			continue
		}
		a, b := max(o0, lo), min(o1, hi) // valid part of this segment
		if zeroPad {
			clear(seg[:min(a, o1)-o0])
			clear(seg[max(0, b-o0):])
		}
		if a < b {
			visit(seg[a-o0:b-o0], plane[ih*g.W+a*g.StrideW+offW:], g.StrideW)
		}
		p += o1 - o0
	}
}
