package kernels

// AvgPool2d computes PyTorch's AvgPool2d with count_include_pad=True (its
// default): each window's sum is divided by the window size counted over the
// image plus its padding, (min(h0+KernelH, H+PadH) − h0)·(…same for w…) where
// h0 is the unclipped window start. Full windows therefore divide by the
// kernel area even where they overlap padding; ceil-mode windows that stick
// out beyond the padding divide by less. y is overwritten.
func AvgPool2d(g PoolGeom, x, y []float32) {
	g.check("AvgPool2d", x, y)
	hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane := x[nc*hw : (nc+1)*hw]
		for r := range oh {
			for s := range ow {
				h0, h1, w0, w1 := g.window(r, s)
				var sum float32
				for h := h0; h < h1; h++ {
					for _, v := range plane[h*g.W+w0 : h*g.W+w1] {
						sum += v
					}
				}
				y[(nc*oh+r)*ow+s] = sum / float32(g.avgDivisor(r, s))
			}
		}
	})
}

// avgDivisor is the count_include_pad window size of output (r, s).
func (g PoolGeom) avgDivisor(r, s int) int {
	h0, w0 := r*g.StrideH-g.PadH, s*g.StrideW-g.PadW
	h1 := min(h0+g.KernelH, g.H+g.PadH)
	w1 := min(w0+g.KernelW, g.W+g.PadW)
	return (h1 - h0) * (w1 - w0)
}

// AvgPool2dBackward spreads each output gradient evenly (by the same divisor)
// over the image pixels of its window. dx is overwritten.
func AvgPool2dBackward(g PoolGeom, dy, dx []float32) {
	g.check("AvgPool2dBackward", dx, dy)
	hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane := dx[nc*hw : (nc+1)*hw]
		clear(plane)
		for r := range oh {
			for s := range ow {
				h0, h1, w0, w1 := g.window(r, s)
				d := dy[(nc*oh+r)*ow+s] / float32(g.avgDivisor(r, s))
				for h := h0; h < h1; h++ {
					row := plane[h*g.W+w0 : h*g.W+w1]
					for i := range row {
						row[i] += d
					}
				}
			}
		}
	})
}
