package kernels

import "math"

// MaxPool2d computes y = max over each window (padding never wins: it acts as
// −∞) and records in argmax the index within the H×W plane of the element that
// won, for the backward pass. Like PyTorch, the first maximum in row-major
// window order wins ties, and NaN wins over numbers (it propagates; with
// several NaNs the last one is recorded, as PyTorch's CPU kernel does).
// y and argmax have N·C·OutH·OutW elements and are overwritten.
func MaxPool2d(g PoolGeom, x, y []float32, argmax []int32) {
	g.check("MaxPool2d", x, y)
	checkLen("MaxPool2d", "argmax", len(argmax), g.YSize())
	hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane := x[nc*hw : (nc+1)*hw]
		for r := range oh {
			for s := range ow {
				o := (nc*oh+r)*ow + s
				y[o], argmax[o] = maxWindow(g, plane, r, s)
			}
		}
	})
}

// maxWindow returns the maximum of one window and its index in the plane.
func maxWindow(g PoolGeom, plane []float32, r, s int) (float32, int32) {
	h0, h1, w0, w1 := g.window(r, s)
	best, at := float32(math.Inf(-1)), h0*g.W+w0
	for h := h0; h < h1; h++ {
		for w := w0; w < w1; w++ {
			v := plane[h*g.W+w]
			if v > best || v != v { // v != v: NaN
				best, at = v, h*g.W+w
			}
		}
	}
	return best, int32(at)
}

// MaxPool2dBackward routes each output gradient to the input element that
// won its window (argmax from MaxPool2d); overlapping windows that share a
// winner add up. dx (N, C, H, W) is overwritten.
func MaxPool2dBackward(g PoolGeom, dy []float32, argmax []int32, dx []float32) {
	g.check("MaxPool2dBackward", dx, dy)
	checkLen("MaxPool2dBackward", "argmax", len(argmax), g.YSize())
	hw, p := g.H*g.W, g.OutH()*g.OutW()
	parallelFor(g.N*g.C, func(nc int) {
		plane := dx[nc*hw : (nc+1)*hw]
		clear(plane)
		for o := nc * p; o < (nc+1)*p; o++ {
			plane[argmax[o]] += dy[o]
		}
	})
}
