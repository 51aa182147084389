package kernels

// Depthwise convolutions (every group is one input channel producing one
// output channel, C == OutC == Groups) run as direct loops over the kernel
// taps: for each tap the valid output range is computed once, so the inner
// loop is a bounds-check-free multiply-add over a row segment.

// depthwiseForward computes y for all (n, c) planes in parallel.
func depthwiseForward(g ConvGeom, x, w, y []float32) {
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
	})
}

// depthwiseBackwardData scatters dy back through the taps onto dx.
func depthwiseBackwardData(g ConvGeom, dy, w, dx []float32) {
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
