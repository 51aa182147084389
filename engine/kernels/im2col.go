package kernels

import "math/bits"

// The im2col matrix of a convolution group has one row per (input channel c,
// kernel tap i, j) — K = (C/Groups)·KH·KW rows — and one column per output
// position of every image — N·OutH·OutW columns, image by image. Entry
// (row, column) is the input pixel that tap multiplies for that output,
// zero in the padding. It is never built: GEMM packing reads its rows
// straight from the input through convCols.

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

// posSeg is a run of output positions of one image that lie in one output
// row: image img, row oh, columns [ow0, ow1), at offset off of the run of
// columns being gathered.
type posSeg struct{ img, oh, ow0, ow1, off int }

// segments splits the im2col columns [c0, c0+n) into output-row runs.
func (g ConvGeom) segments(segs []posSeg, c0, n int) []posSeg {
	ow, p := g.OutW(), g.OutH()*g.OutW()
	segs = segs[:0]
	for pos := c0; pos < c0+n; {
		img, q := pos/p, pos%p
		oh, o0 := q/ow, q%ow
		o1 := min(ow, o0+c0+n-pos)
		segs = append(segs, posSeg{img, oh, o0, o1, pos - c0})
		pos += o1 - o0
	}
	return segs
}

// gatherTap writes the im2col entries of tap (i, j) of input channel c for
// the positions of segs into row (zero in the padding). split, when not nil,
// is x deinterleaved by splitColumns (for StrideW 2), which turns the
// strided reads into copies.
func (g ConvGeom) gatherTap(x, split []float32, c, i, j int, segs []posSeg, row []float32) {
	hw := g.H * g.W
	offW := j*g.DilationW - g.PadW
	lo, hi := validRange(g.OutW(), g.W, g.StrideW, offW)
	for _, s := range segs {
		dst := row[s.off : s.off+s.ow1-s.ow0]
		ih := s.oh*g.StrideH + i*g.DilationH - g.PadH
		a, b := max(s.ow0, lo), min(s.ow1, hi)
		if ih < 0 || ih >= g.H || a >= b {
			clear(dst)
			continue
		}
		clear(dst[:a-s.ow0])
		clear(dst[b-s.ow0:])
		d := dst[a-s.ow0 : b-s.ow0]
		if split != nil { // stride 2 on a deinterleaved copy: contiguous
			iw := a*2 + offW
			wh := (g.W + 1) / 2
			o := ((s.img*g.C+c)*g.H+ih)*2*wh + (iw&1)*wh + iw>>1
			copy(d, split[o:o+len(d)])
			continue
		}
		src := x[(s.img*g.C+c)*hw+ih*g.W+a*g.StrideW+offW:]
		if g.StrideW == 1 {
			copy(d, src[:len(d)])
			continue
		}
		src = src[:(len(d)-1)*g.StrideW+1]
		for k := range d {
			d[k] = src[k*g.StrideW]
		}
	}
}

// scatterTap is the adjoint of gatherTap: it adds row back onto the input
// pixels of tap (i, j) of channel c of dx (col2im for one row).
func (g ConvGeom) scatterTap(dx []float32, c, i, j int, segs []posSeg, row []float32) {
	hw := g.H * g.W
	offW := j*g.DilationW - g.PadW
	lo, hi := validRange(g.OutW(), g.W, g.StrideW, offW)
	for _, s := range segs {
		ih := s.oh*g.StrideH + i*g.DilationH - g.PadH
		a, b := max(s.ow0, lo), min(s.ow1, hi)
		if ih < 0 || ih >= g.H || a >= b {
			continue
		}
		src := row[s.off+a-s.ow0 : s.off+b-s.ow0]
		d := dx[(s.img*g.C+c)*hw+ih*g.W+a*g.StrideW+offW:]
		if g.StrideW == 1 {
			d = d[:len(src)]
			for k, v := range src {
				d[k] += v
			}
			continue
		}
		d = d[:(len(src)-1)*g.StrideW+1]
		for k, v := range src {
			d[k*g.StrideW] += v
		}
	}
}

// tap returns the input channel (within the group) and kernel tap of
// im2col row r.
func (g ConvGeom) tap(r int) (c, i, j int) {
	kk := g.KH * g.KW
	return r / kk, r % kk / g.KW, r % g.KW
}

// convCols is the im2col matrix of group grp of a convolution over x as a
// virtual matrix (K rows, N·OutH·OutW columns) and as a panel source whose
// lines are its columns (the B operand of the forward convolution).
type convCols struct {
	g     ConvGeom
	x     []float32
	grp   int
	split []float32 // x deinterleaved (splitColumns), or nil
}

// splitColumns returns x with every image row stored as its even columns
// followed by its odd columns, each half (W+1)/2 wide, so that a stride-2
// convolution reads each tap's inputs contiguously, and a function that
// returns the buffer to the pool. It returns nil when StrideW is not 2.
func (g ConvGeom) splitColumns(x []float32) ([]float32, func()) {
	if g.StrideW != 2 {
		return nil, func() {}
	}
	wh := (g.W + 1) / 2
	buf := packPool.get(g.N * g.C * g.H * 2 * wh)
	split := grow(buf, g.N*g.C*g.H*2*wh)
	parallelFor(g.N*g.C, func(nc int) {
		for h := range g.H {
			src := x[(nc*g.H+h)*g.W : (nc*g.H+h+1)*g.W]
			dst := split[(nc*g.H+h)*2*wh : (nc*g.H+h+1)*2*wh]
			even, odd := dst[:wh], dst[wh:]
			for k := range g.W / 2 {
				even[k], odd[k] = src[2*k], src[2*k+1]
			}
			if g.W%2 == 1 {
				even[wh-1], odd[wh-1] = src[g.W-1], 0
			}
		}
	})
	return split, func() { packPool.put(buf) }
}

func (v convCols) row(ws *gemmScratch, r, c0, n int) []float32 {
	g := v.g
	c, i, j := g.tap(r)
	c += v.grp * g.InGroup()
	if g.isPointwise() {
		p := g.H * g.W
		if img, q := c0/p, c0%p; q+n <= p {
			o := (img*g.C+c)*p + q
			return v.x[o : o+n]
		}
	}
	ws.segs = g.segments(ws.segs, c0, n)
	buf := grow(&ws.row, n)
	g.gatherTap(v.x, v.split, c, i, j, ws.segs, buf)
	return buf
}

// pack writes positions [l0, l0+n) (lines) over taps [p0, p0+kc) (depth) as
// panels of w positions, copying each tap's valid input run straight into
// the panels (w is a power of two).
func (v convCols) pack(ws *gemmScratch, dst []float32, w, l0, n, p0, kc int) []float32 {
	g := v.g
	panels := ceilDiv(n, w)
	dst = dst[:panels*w*kc]
	if n%w != 0 {
		clear(dst[(panels-1)*w*kc:])
	}
	ws.segs = g.segments(ws.segs, l0, n)
	c0, hw, wh, ow := v.grp*g.InGroup(), g.H*g.W, (g.W+1)/2, g.OutW()
	sh := bits.TrailingZeros(uint(w))
	for q := range kc {
		c, i, j := g.tap(p0 + q)
		c += c0
		offW := j*g.DilationW - g.PadW
		lo, hi := validRange(ow, g.W, g.StrideW, offW)
		di := i*g.DilationH - g.PadH
		for _, s := range ws.segs {
			ih := s.oh*g.StrideH + di
			a, b := max(s.ow0, lo), min(s.ow1, hi)
			if ih < 0 || ih >= g.H || a >= b {
				putZeros(dst, sh, kc, q, s.off, s.ow1-s.ow0)
				continue
			}
			putZeros(dst, sh, kc, q, s.off, a-s.ow0)
			putZeros(dst, sh, kc, q, s.off+b-s.ow0, s.ow1-b)
			var src []float32
			switch {
			case v.split != nil:
				iw := a*2 + offW
				o := ((s.img*g.C+c)*g.H+ih)*2*wh + (iw&1)*wh + iw>>1
				src = v.split[o : o+b-a]
			case g.StrideW == 1:
				o := (s.img*g.C+c)*hw + ih*g.W + a + offW
				src = v.x[o : o+b-a]
			default:
				x := v.x[(s.img*g.C+c)*hw+ih*g.W+a*g.StrideW+offW:]
				src = grow(&ws.row, b-a)
				for k := range src {
					src[k] = x[k*g.StrideW]
				}
			}
			putRun(dst, sh, kc, q, s.off+a-s.ow0, src)
		}
	}
	return dst
}

// convTaps is the im2col matrix seen with its rows (taps) as lines and its
// columns (positions) as depth: the B operand of the weight gradient.
type convTaps convCols

// pack gathers each tap's row of positions [p0, p0+kc) once and writes it
// down its lane of the panels.
func (v convTaps) pack(ws *gemmScratch, dst []float32, w, l0, n, p0, kc int) []float32 {
	g := v.g
	panels := ceilDiv(n, w)
	dst = dst[:panels*w*kc]
	if n%w != 0 {
		clear(dst[(panels-1)*w*kc:])
	}
	ws.segs = g.segments(ws.segs, p0, kc)
	row := grow(&ws.row, kc)
	c0 := v.grp * g.InGroup()
	for r := range n {
		c, i, j := g.tap(l0 + r)
		g.gatherTap(v.x, v.split, c0+c, i, j, ws.segs, row)
		lane := dst[(r/w)*w*kc+r%w:]
		lane = lane[:(kc-1)*w+1]
		for q, val := range row {
			lane[q*w] = val
		}
	}
	return dst
}

// putRun copies src to lines l, l+1, … at depth q of panels of 1<<sh lines
// (kc deep).
func putRun(dst []float32, sh, kc, q, l int, src []float32) {
	w := 1 << sh
	for len(src) > 0 {
		lane := l & (w - 1)
		k := min(len(src), w-lane)
		o := (l>>sh)*w*kc + q*w + lane
		d := dst[o : o+k]
		if k < 16 { // short runs (small maps): a loop beats a memmove call
			for i := range d {
				d[i] = src[i]
			}
		} else {
			copy(d, src[:k])
		}
		src, l = src[k:], l+k
	}
}

// putZeros is putRun with n zeros.
func putZeros(dst []float32, sh, kc, q, l, n int) {
	w := 1 << sh
	for n > 0 {
		lane := l & (w - 1)
		k := min(n, w-lane)
		o := (l>>sh)*w*kc + q*w + lane
		d := dst[o : o+k]
		for i := range d {
			d[i] = 0
		}
		n, l = n-k, l+k
	}
}

// imageRows views channels [c0, c0+…) of an (N, C, P) tensor as a matrix
// with one row per channel and one column per (image, position).
type imageRows struct {
	x    []float32
	c, p int // channels per image and positions per channel
	c0   int // first channel of the view
}

func (v imageRows) row(ws *gemmScratch, r, col, n int) []float32 {
	img, q := col/v.p, col%v.p
	if q+n <= v.p {
		o := (img*v.c+v.c0+r)*v.p + q
		return v.x[o : o+n]
	}
	buf := grow(&ws.row, n)
	for done := 0; done < n; {
		img, q := (col+done)/v.p, (col+done)%v.p
		seg := min(n-done, v.p-q)
		o := (img*v.c+v.c0+r)*v.p + q
		copy(buf[done:done+seg], v.x[o:o+seg])
		done += seg
	}
	return buf
}

// colSpan is a block of the im2col matrix of a single-image, single-group
// convolution: every row, output positions p0…p1. Tests use it to check the
// tap rows against each other and col2im against im2col.
type colSpan struct {
	g      ConvGeom
	p0, p1 int
}

// im2col fills col (K rows × (p1−p0) columns, row-major) from x, one image's
// channels of one group.
func (s colSpan) im2col(x, col []float32) {
	g, np := s.g, s.p1-s.p0
	segs := g.segments(nil, s.p0, np)
	for r := range g.InGroup() * g.KH * g.KW {
		c, i, j := g.tap(r)
		g.gatherTap(x, nil, c, i, j, segs, col[r*np:(r+1)*np])
	}
}

// col2im is the adjoint of im2col: it adds every column entry back onto the
// input pixel it came from (pixels under several patches get the sum).
func (s colSpan) col2im(col, dx []float32) {
	g, np := s.g, s.p1-s.p0
	segs := g.segments(nil, s.p0, np)
	for r := range g.InGroup() * g.KH * g.KW {
		c, i, j := g.tap(r)
		g.scatterTap(dx, c, i, j, segs, col[r*np:(r+1)*np])
	}
}
