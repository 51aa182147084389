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
	hw, p, kk := g.H*g.W, g.OutH()*g.OutW(), g.KH*g.KW
	parallelFor(g.N*g.C, func(nc int) {
		c := nc % g.C
		yp := y[nc*p : (nc+1)*p]
		clear(yp)
		g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
			wv := w[c*kk+i*g.KW+j]
			src := x[nc*hw+ih*g.W:]
			dst := yp[oh*g.OutW()+lo : oh*g.OutW()+hi]
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
		buf := packPool.get()
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
	hw, p, kk := g.H*g.W, g.OutH()*g.OutW(), g.KH*g.KW
	parallelFor(g.N*g.C, func(nc int) {
		c := nc % g.C
		dxp := dx[nc*hw : (nc+1)*hw]
		clear(dxp)
		g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
			wv := w[c*kk+i*g.KW+j]
			src := dy[nc*p+oh*g.OutW()+lo : nc*p+oh*g.OutW()+hi]
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

// depthwiseBackwardWeights sums x·dy per tap over the batch and the image,
// one channel per goroutine. Row dot products are float32, their running sum
// float64, so a 16×112×112 batch loses no precision to the long sum.
func depthwiseBackwardWeights(g ConvGeom, x, dy, dw []float32) {
	hw, p, kk := g.H*g.W, g.OutH()*g.OutW(), g.KH*g.KW
	parallelFor(g.C, func(c int) {
		acc := make([]float64, kk)
		for n := range g.N {
			nc := n*g.C + c
			g.eachTap(func(i, j, oh, lo, hi, ih, iw0 int) {
				d := dy[nc*p+oh*g.OutW()+lo : nc*p+oh*g.OutW()+hi]
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

// depthwise3x3 copies each plane once into a zero-padded buffer (for stride
// 2, each padded row split into its even and odd columns) so that every tap
// of a whole output row is a contiguous run, then computes the row with
// nine vector multiply-adds per 8 outputs and applies the epilogue.
func depthwise3x3(g ConvGeom, x, w []float32, e *Epilogue, y []float32) {
	hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
	owPad := roundUp(ow, 8)
	hp, wpad := g.H+2*g.PadH, g.W+2*g.PadW
	// Row width of the padded buffer: room for every tap of owPad outputs.
	rowW := roundUp(max(wpad, owPad+2), 8)
	if g.StrideW == 2 {
		rowW = 2 * roundUp(max((wpad+1)/2, owPad+1), 8)
	}
	key := [6]int{g.H, g.PadH, g.W, g.PadW, rowW, g.StrideW}
	forEachJob(g.N*g.C, func(ws *gemmScratch, nc int) {
		c := nc % g.C
		// Every plane overwrites the same interior, so the zero border
		// stays from the first plane of this shape on.
		buf := grow(&ws.dw, hp*rowW)
		if ws.dwKey != key {
			clear(buf)
			ws.dwKey = key
		}
		plane := x[nc*hw : (nc+1)*hw]
		for h := range g.H {
			src := plane[h*g.W : (h+1)*g.W]
			dst := buf[(h+g.PadH)*rowW : (h+g.PadH+1)*rowW]
			if g.StrideW == 1 {
				copy(dst[g.PadW:], src)
				continue
			}
			half := rowW / 2 // even padded columns, then odd ones
			even, odd := dst[:half], dst[half:]
			for k := g.PadW & 1; k < g.W; k += 2 { // k + PadW even
				even[(k+g.PadW)>>1] = src[k]
			}
			for k := 1 - g.PadW&1; k < g.W; k += 2 {
				odd[(k+g.PadW)>>1] = src[k]
			}
		}
		var wt [9]float32
		copy(wt[:], w[c*9:c*9+9])
		out := grow(&ws.c, owPad)
		var srcs [9]*float32
		for r := range oh {
			for i := range 3 {
				row := buf[(r*g.StrideH+i)*rowW:]
				if g.StrideW == 1 {
					srcs[3*i], srcs[3*i+1], srcs[3*i+2] = &row[0], &row[1], &row[2]
				} else {
					half := rowW / 2
					srcs[3*i], srcs[3*i+1], srcs[3*i+2] = &row[0], &row[half], &row[1]
				}
			}
			dwConv9(out, &srcs, &wt, owPad)
			if e != nil {
				e.apply(c, out, out) // whole vectors; the padding lanes are dropped
			}
			copy(y[nc*oh*ow+r*ow:nc*oh*ow+(r+1)*ow], out[:ow])
		}
	})
}
