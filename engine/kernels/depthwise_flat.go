package kernels

// Small maps (outputs under 16 columns: MobileNetV2's 14×14 and 7×7
// layers) would spend more on a call per output row than on its one or two
// vectors. There the depthwise 3×3 paths number the outputs of a whole
// plane q = r·wh + c over padded rows of wh columns, as the indirect
// convolutions do (conv_indirect.go): tap (i, j) of every output is then
// one contiguous run of the padded planes, the plane takes a single vector
// call, and the wh − OutW columns past each row are computed and dropped.
// For stride 2 the padded plane is split into its four parity planes, tap
// (i, j) reading plane (i mod 2, j mod 2) from row i/2, column j/2.

// flatDepthwise reports whether the whole-plane layout is used.
func (g ConvGeom) flatDepthwise() bool { return g.OutW() < 16 }

// dwFlat is the whole-plane layout of one geometry.
type dwFlat struct {
	g          ConvGeom
	oh, ow, hw int
	wh         int // padded (parity-plane) row width, the output row stride
	n          int // outputs computed per plane: oh·wh rounded up to vectors
	ps         int // floats per parity plane (stride 2) or of the plane (stride 1)
	key        [6]int
}

func newDWFlat(g ConvGeom) dwFlat {
	d := dwFlat{g: g, oh: g.OutH(), ow: g.OutW(), hw: g.H * g.W}
	if g.StrideW == 1 {
		d.wh = g.W + 2*g.PadW
		d.n = roundUp(d.oh*d.wh, 8)
		d.ps = 2*d.wh + 2 + d.n // every tap's run of n fits
	} else {
		d.wh = (g.W + 2*g.PadW + 1) / 2
		d.n = roundUp(d.oh*d.wh, 8)
		d.ps = d.wh + 1 + d.n
	}
	d.key = [6]int{g.H, g.PadH, g.W, g.PadW, d.ps, -1 - g.StrideW} // not dwPlanes' nor the s2 gradient's
	return d
}

// fill copies plane (H×W) into the goroutine's buffer with its zero
// padding (kept from the first plane of this shape on) and points srcs at
// the nine taps' runs.
func (d *dwFlat) fill(ws *gemmScratch, plane []float32, srcs *[9]*float32) {
	g := d.g
	planes := 1
	if g.StrideW == 2 {
		planes = 4
	}
	buf := grow(&ws.dw, planes*d.ps)
	if ws.dwKey != d.key {
		clear(buf)
		ws.dwKey = d.key
	}
	for h := range g.H {
		src := plane[h*g.W : (h+1)*g.W]
		r := h + g.PadH
		if g.StrideW == 1 {
			copy(buf[r*d.wh+g.PadW:], src)
			continue
		}
		even := buf[(r&1)*2*d.ps+(r>>1)*d.wh:]
		odd := buf[((r&1)*2+1)*d.ps+(r>>1)*d.wh:]
		splitColumns(src, even, odd, g.PadW)
	}
	for i := range 3 {
		for j := range 3 {
			if g.StrideW == 1 {
				srcs[3*i+j] = &buf[i*d.wh+j]
			} else {
				srcs[3*i+j] = &buf[((i&1)*2+j&1)*d.ps+(i>>1)*d.wh+j>>1]
			}
		}
	}
}

// forward is depthwise3x3 on the whole-plane layout.
func (d *dwFlat) forward(x, w []float32, e *Epilogue, y []float32) {
	g := d.g
	forEachJob(g.N*g.C, func(ws *gemmScratch, nc int) {
		c := nc % g.C
		var srcs [9]*float32
		d.fill(ws, x[nc*d.hw:(nc+1)*d.hw], &srcs)
		var wt [9]float32
		copy(wt[:], w[c*9:c*9+9])
		out := grow(&ws.c, d.n)
		dwConv9(out, &srcs, &wt, d.n)
		yp := y[nc*d.oh*d.ow : (nc+1)*d.oh*d.ow]
		for r := range d.oh {
			e.apply(c, out[r*d.wh:r*d.wh+d.ow], yp[r*d.ow:(r+1)*d.ow])
		}
	})
}

// gradWeights is depthwiseGrad3x3 on the whole-plane layout: dy is laid
// out in rows of wh with zeros in the dropped columns, and one vector call
// per plane sums all nine taps.
func (d *dwFlat) gradWeights(x, dy, dw []float32) {
	g := d.g
	p := d.oh * d.ow
	forEachJob(g.C, func(ws *gemmScratch, c int) {
		var acc [9]float64
		var part [72]float32
		var srcs [9]*float32
		dyw := grow(&ws.row, d.n)
		clear(dyw) // the dropped columns stay zero: only real ones are written
		for n := range g.N {
			nc := n*g.C + c
			d.fill(ws, x[nc*d.hw:(nc+1)*d.hw], &srcs)
			for r := range d.oh {
				copy(dyw[r*d.wh:r*d.wh+d.ow], dy[nc*p+r*d.ow:nc*p+(r+1)*d.ow])
			}
			dwGrad9(dyw, &srcs, &part, d.n)
			foldLanes(&part, &acc) // at most 32 products per lane
		}
		for t, v := range acc {
			dw[c*9+t] = float32(v)
		}
	})
}
