package kernels

// Depthwise convolutions (every group is one input channel producing one
// output channel, C == OutC == Groups) run as direct loops over the kernel
// taps: for each tap the valid output range is computed once, so the inner
// loop is a bounds-check-free multiply-add over a row segment.

// depthwiseForward computes y = epilogue(x ⋆ w) for all (n, c) planes in
// parallel; the epilogue runs on each plane while it is in cache.
func depthwiseForward(g ConvGeom, x, w []float32, e *Epilogue, y []float32) {
	if g.fastDepthwise() {
		depthwise3x3(g, x, w, e, y)
		return
	}
	hw, ow, kk := g.H*g.W, g.OutW(), g.KH*g.KW
	p := g.OutH() * ow
	parallelFor(g.N*g.C, func(nc int) {
		c := nc % g.C
		yp := y[nc*p : (nc+1)*p]
		clear(yp)
		g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
			wv := w[c*kk+i*g.KW+j]
			src := x[nc*hw+ih*g.W:]
			dst := yp[oh*ow+lo : oh*ow+hi]
			if g.StrideW == 1 {
				src = src[iw0 : iw0+len(dst)]
				for q := range dst {
					dst[q] += wv * src[q]
				}
				return
			}
			for q := range dst {
				dst[q] += wv * src[iw0+q*g.StrideW]
			}
		})
		if e != nil {
			e.apply(c, yp, yp)
		}
	})
}

// depthwiseBackwardData scatters dy back through the taps onto dx. For
// stride 1 that is the forward depthwise convolution of dy with each
// channel's kernel rotated by 180° and padding K−1−pad, which runs on the
// vector 3×3 path where it applies.
func depthwiseBackwardData(g ConvGeom, dy, w, dx []float32) {
	if t := g.transposedDepthwise(); g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1 &&
		g.PadH < g.KH && g.PadW < g.KW && t.fastDepthwise() {
		kk := g.KH * g.KW
		buf := packPool.get(g.C * kk)
		defer packPool.put(buf)
		rotated := grow(buf, g.C*kk)
		for c := range g.C {
			for q := range kk {
				rotated[c*kk+kk-1-q] = w[c*kk+q]
			}
		}
		depthwise3x3(t, dy, rotated, nil, dx)
		return
	}
	if g.fastDepthwise() && g.StrideW == 2 && g.PadH < 3 && g.PadW < 3 {
		depthwiseBackData3x3s2(g, dy, w, dx)
		return
	}
	hw, ow, kk := g.H*g.W, g.OutW(), g.KH*g.KW
	p := g.OutH() * ow
	parallelFor(g.N*g.C, func(nc int) {
		c := nc % g.C
		dxp := dx[nc*hw : (nc+1)*hw]
		clear(dxp)
		g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
			wv := w[c*kk+i*g.KW+j]
			src := dy[nc*p+oh*ow+lo : nc*p+oh*ow+hi]
			dst := dxp[ih*g.W:]
			if g.StrideW == 1 {
				dst = dst[iw0 : iw0+len(src)]
				for q := range src {
					dst[q] += wv * src[q]
				}
				return
			}
			for q, v := range src {
				dst[iw0+q*g.StrideW] += wv * v
			}
		})
	})
}

// depthwiseBackData3x3s2 computes a stride-2 3×3 layer's input gradient
// as a stride-1 convolution with the kernel rotated by 180°: each dy plane
// is spread onto every other row and column of a zero buffer V, shifted so
// that dx[ih][iw] = Σ_{i,j} w[2−i][2−j]·V[ih+i][iw+j], and every dx row is
// nine vector multiply-adds per 8 columns (four times the arithmetic of the
// scatter, all of it in vectors). Only dy's positions are written per
// plane; the zeros between them stay from the first plane of this shape.
func depthwiseBackData3x3s2(g ConvGeom, dy, w, dx []float32) {
	oh, ow, hw := g.OutH(), g.OutW(), g.H*g.W
	wPad := roundUp(g.W, 8)
	rows, rowW := g.H+2, roundUp(max(g.W, wPad)+2, 8)
	// Narrow maps take the whole plane in one call (see dwFlat): dx
	// positions numbered ih·rowW + iw over rows of W+2, the last two
	// columns of each computed and dropped.
	flat := g.W < 16
	size, n := rows*rowW, 0
	if flat {
		rowW = g.W + 2
		n = roundUp(g.H*rowW, 8)
		size = max(rows*rowW, 2*rowW+2+n)
	}
	offH, offW := 2-g.PadH, 2-g.PadW
	key := [6]int{g.H, g.PadH, g.W, g.PadW, size, -2} // −2: this layout, not dwPlanes'
	forEachJob(g.N*g.C, func(ws *gemmScratch, nc int) {
		c := nc % g.C
		buf := grow(&ws.dw, size)
		if ws.dwKey != key {
			clear(buf)
			ws.dwKey = key
		}
		dyp := dy[nc*oh*ow : (nc+1)*oh*ow]
		for r := range oh {
			if 2*r+offH >= rows {
				break
			}
			dst := buf[(2*r+offH)*rowW+offW:]
			for q, v := range dyp[r*ow : (r+1)*ow] {
				dst[2*q] = v
			}
		}
		var wr [9]float32
		for t := range 9 {
			wr[8-t] = w[c*9+t]
		}
		dxp := dx[nc*hw : (nc+1)*hw]
		var srcs [9]*float32
		if flat {
			for t := range 9 {
				srcs[t] = &buf[t/3*rowW+t%3]
			}
			out := grow(&ws.c, n)
			dwConv9(out, &srcs, &wr, n)
			for ih := range g.H {
				copy(dxp[ih*g.W:(ih+1)*g.W], out[ih*rowW:])
			}
			return
		}
		scratch := grow(&ws.c, wPad)
		for ih := range g.H {
			for i := range 3 {
				row := buf[(ih+i)*rowW:]
				srcs[3*i], srcs[3*i+1], srcs[3*i+2] = &row[0], &row[1], &row[2]
			}
			out := scratch
			if g.W == wPad {
				out = dxp[ih*g.W : (ih+1)*g.W]
			}
			dwConv9(out, &srcs, &wr, wPad)
			if g.W != wPad {
				copy(dxp[ih*g.W:(ih+1)*g.W], out[:g.W])
			}
		}
	})
}

// depthwiseBackwardWeights sums x·dy per tap over the batch and the image,
// one channel per goroutine. Row dot products are float32, their running sum
// float64, so a 16×112×112 batch loses no precision to the long sum.
func depthwiseBackwardWeights(g ConvGeom, x, dy, dw []float32) {
	if g.fastDepthwise() {
		depthwiseGrad3x3(g, x, dy, dw)
		return
	}
	hw, ow, kk := g.H*g.W, g.OutW(), g.KH*g.KW
	p := g.OutH() * ow
	parallelFor(g.C, func(c int) {
		acc := make([]float64, kk)
		for n := range g.N {
			nc := n*g.C + c
			g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
				d := dy[nc*p+oh*ow+lo : nc*p+oh*ow+hi]
				src := x[nc*hw+ih*g.W:]
				if g.StrideW == 1 {
					acc[i*g.KW+j] += float64(dot4(d, src[iw0:iw0+len(d)]))
					return
				}
				var s float32
				for q, v := range d {
					s += v * src[iw0+q*g.StrideW]
				}
				acc[i*g.KW+j] += float64(s)
			})
		}
		for t, v := range acc {
			dw[c*kk+t] = float32(v)
		}
	})
}

// dot4 is the dot product of a and b (as long as a) in four running sums,
// which the processor can overlap where one sum waits on the last.
func dot4(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	q := 0
	for ; q+4 <= len(a); q += 4 {
		s0 += a[q] * b[q]
		s1 += a[q+1] * b[q+1]
		s2 += a[q+2] * b[q+2]
		s3 += a[q+3] * b[q+3]
	}
	for ; q < len(a); q++ {
		s0 += a[q] * b[q]
	}
	return (s0 + s1) + (s2 + s3)
}

// transposedDepthwise is the geometry of a stride-1 depthwise layer's input
// gradient as a forward depthwise convolution of dy.
func (g ConvGeom) transposedDepthwise() ConvGeom {
	return ConvGeom{N: g.N, C: g.C, H: g.OutH(), W: g.OutW(), OutC: g.C, KH: g.KH, KW: g.KW,
		StrideH: 1, StrideW: 1, PadH: g.KH - 1 - g.PadH, PadW: g.KW - 1 - g.PadW, DilationH: 1, DilationW: 1, Groups: g.C}
}

// eachTap calls f for every kernel tap (i, j) and every output row oh whose
// input row ih is inside the image, with the valid output columns [lo, hi)
// and iw0, the input column of output column lo.
func (g ConvGeom) eachTap(f func(i, j, oh, lo, hi, ih, iw0 int)) {
	oh, ow := g.OutH(), g.OutW()
	for i := range g.KH {
		offH := i*g.DilationH - g.PadH
		rlo, rhi := validRange(oh, g.H, g.StrideH, offH)
		for j := range g.KW {
			offW := j*g.DilationW - g.PadW
			lo, hi := validRange(ow, g.W, g.StrideW, offW)
			if lo >= hi {
				continue
			}
			for r := rlo; r < rhi; r++ {
				f(i, j, r, lo, hi, r*g.StrideH+offH, lo*g.StrideW+offW)
			}
		}
	}
}

// fastDepthwise reports whether the vector 3×3 path applies: MobileNetV2's
// depthwise layers (3×3, stride 1 or 2, no dilation) on a CPU with AVX and
// FMA.
func (g ConvGeom) fastDepthwise() bool {
	return useDepthwiseAVX && g.KH == 3 && g.KW == 3 && g.DilationH == 1 && g.DilationW == 1 &&
		g.StrideH == g.StrideW && (g.StrideW == 1 || g.StrideW == 2) && g.OutC == g.C
}

// dwPlanes is the padded-plane layout of the vector 3×3 paths: each input
// plane is copied once into a zero-padded buffer (for stride 2, each padded
// row split into its even and odd columns) so that every tap of a whole
// output row, rounded up to owPad columns, is a contiguous run.
type dwPlanes struct {
	g                           ConvGeom
	oh, ow, owPad, hp, rowW, hw int
	key                         [6]int // the shape a buffer's zero border was made for
}

func newDWPlanes(g ConvGeom) dwPlanes {
	d := dwPlanes{g: g, oh: g.OutH(), ow: g.OutW(), hp: g.H + 2*g.PadH, hw: g.H * g.W}
	d.owPad = roundUp(d.ow, 8)
	wpad := g.W + 2*g.PadW
	// Row width of the padded buffer: room for every tap of owPad outputs.
	d.rowW = roundUp(max(wpad, d.owPad+2), 8)
	if g.StrideW == 2 {
		d.rowW = 2 * roundUp(max((wpad+1)/2, d.owPad+1), 8)
	}
	d.key = [6]int{g.H, g.PadH, g.W, g.PadW, d.rowW, g.StrideW}
	return d
}

// fill copies plane (H×W) into the goroutine's padded buffer and returns it.
// Every plane overwrites the same interior, so the zero border stays from
// the first plane of this shape on.
func (d *dwPlanes) fill(ws *gemmScratch, plane []float32) []float32 {
	g := d.g
	buf := grow(&ws.dw, d.hp*d.rowW)
	if ws.dwKey != d.key {
		clear(buf)
		ws.dwKey = d.key
	}
	for h := range g.H {
		src := plane[h*g.W : (h+1)*g.W]
		dst := buf[(h+g.PadH)*d.rowW : (h+g.PadH+1)*d.rowW]
		if g.StrideW == 1 {
			copy(dst[g.PadW:], src)
			continue
		}
		half := d.rowW / 2 // even padded columns, then odd ones
		splitColumns(src, dst[:half], dst[half:], g.PadW)
	}
	return buf
}

// splitColumns writes the columns of row src, padded by pad on the left,
// into the even and odd padded columns: padded column k goes to
// even[k/2] or odd[k/2]. Pairs of source columns are read together (one
// goes to each half), so the loop runs without bounds checks.
func splitColumns(src, even, odd []float32, pad int) {
	a, b := even[pad>>1:], odd[(pad+1)>>1:] // where src[0] and src[1] go
	if pad&1 == 1 {
		a, b = odd[pad>>1:], even[(pad+1)>>1:]
	}
	h := len(src) / 2
	a, b, pairs := a[:h+len(src)%2], b[:h], src[:2*h]
	for m := vecSplitPairs(pairs, a, b); m < len(b); m++ {
		a[m], b[m] = pairs[2*m], pairs[2*m+1]
	}
	if len(src)%2 == 1 {
		a[h] = src[2*h]
	}
}

// taps points srcs at the nine runs that output row r reads, tap (i, j) at
// srcs[3i+j].
func (d *dwPlanes) taps(buf []float32, r int, srcs *[9]*float32) {
	for i := range 3 {
		row := buf[(r*d.g.StrideH+i)*d.rowW:]
		if d.g.StrideW == 1 {
			srcs[3*i], srcs[3*i+1], srcs[3*i+2] = &row[0], &row[1], &row[2]
		} else {
			half := d.rowW / 2
			srcs[3*i], srcs[3*i+1], srcs[3*i+2] = &row[0], &row[half], &row[1]
		}
	}
}

// depthwise3x3 computes each output row from the padded planes with nine
// vector multiply-adds per 8 outputs and applies the epilogue. Rows whose
// width is a whole number of vectors are written in place; others go
// through a scratch row.
func depthwise3x3(g ConvGeom, x, w []float32, e *Epilogue, y []float32) {
	if g.flatDepthwise() {
		d := newDWFlat(g)
		d.forward(x, w, e, y)
		return
	}
	d := newDWPlanes(g)
	forEachJob(g.N*g.C, func(ws *gemmScratch, nc int) {
		c := nc % g.C
		buf := d.fill(ws, x[nc*d.hw:(nc+1)*d.hw])
		var wt [9]float32
		copy(wt[:], w[c*9:c*9+9])
		yp := y[nc*d.oh*d.ow : (nc+1)*d.oh*d.ow]
		scratch := grow(&ws.c, d.owPad)
		var srcs [9]*float32
		for r := range d.oh {
			d.taps(buf, r, &srcs)
			out := scratch
			if d.ow == d.owPad {
				out = yp[r*d.ow : (r+1)*d.ow]
			}
			dwConv9(out, &srcs, &wt, d.owPad)
			if e != nil {
				e.apply(c, out, out) // whole vectors; the padding lanes are dropped
			}
			if d.ow != d.owPad {
				copy(yp[r*d.ow:(r+1)*d.ow], out[:d.ow])
			}
		}
	})
}

// depthwiseGrad3x3 computes the weight gradient on the vector 3×3 path: per
// channel, every image's plane is padded as for the forward pass and each dy
// row (zero-extended to whole vectors) is multiplied into the nine tap runs
// it met. Vector partial sums are folded into float64 every few rows, so
// long sums over a batch of large planes lose no precision.
func depthwiseGrad3x3(g ConvGeom, x, dy, dw []float32) {
	if g.flatDepthwise() {
		d := newDWFlat(g)
		d.gradWeights(x, dy, dw)
		return
	}
	d := newDWPlanes(g)
	p := d.oh * d.ow
	// Rows per float64 fold: at most ~256 products in each float32 lane.
	fold := max(1, 2048/d.owPad)
	forEachJob(g.C, func(ws *gemmScratch, c int) {
		var acc [9]float64
		var part [72]float32
		var srcs [9]*float32
		padded := grow(&ws.row, d.owPad)
		clear(padded[d.ow:])
		for n := range g.N {
			nc := n*g.C + c
			buf := d.fill(ws, x[nc*d.hw:(nc+1)*d.hw])
			dyp := dy[nc*p : (nc+1)*p]
			for r := range d.oh {
				d.taps(buf, r, &srcs)
				row := dyp[r*d.ow : (r+1)*d.ow]
				if d.ow != d.owPad {
					copy(padded, row)
					row = padded
				}
				dwGrad9(row, &srcs, &part, d.owPad)
				if (r+1)%fold == 0 || r == d.oh-1 {
					foldLanes(&part, &acc)
				}
			}
		}
		for t, v := range acc {
			dw[c*9+t] = float32(v)
		}
	})
}

// foldLanes adds each tap's eight lane sums (pairwise, in float32) to its
// float64 total and clears them.
func foldLanes(part *[72]float32, acc *[9]float64) {
	for t := range acc {
		l := part[t*8 : t*8+8]
		acc[t] += float64(((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7])))
	}
	*part = [72]float32{}
}
