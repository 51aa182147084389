package kernels

// Conv2d computes y = x ⋆ w (PyTorch's conv2d without bias) for the geometry
// g: x is (N, C, H, W), w is (OutC, C/Groups, KH, KW), y is (N, OutC, OutH, OutW)
// and is overwritten. Depthwise layers run as direct loops; 1×1 stride-1
// layers multiply the input directly; everything else goes through im2col and
// Gemm, one group of one image (and one chunk of positions) at a time.
func Conv2d(g ConvGeom, x, w, y []float32) {
	g.check("Conv2d", "x", x, "w", w, "y", y)
	if g.isDepthwise() {
		depthwiseForward(g, x, w, y)
		return
	}
	g.eachGroup(x, w, y, func(xg, wg, yg []float32) { convGroupForward(g, xg, wg, yg) })
}

// Conv2dBackwardData computes dx = ∂L/∂x from dy = ∂L/∂y (the transposed
// convolution); dx (N, C, H, W) is overwritten.
func Conv2dBackwardData(g ConvGeom, dy, w, dx []float32) {
	g.check("Conv2dBackwardData", "dx", dx, "w", w, "dy", dy)
	if g.isDepthwise() {
		depthwiseBackwardData(g, dy, w, dx)
		return
	}
	g.eachGroup(dx, w, dy, func(dxg, wg, dyg []float32) { convGroupBackwardData(g, dyg, wg, dxg) })
}

// Conv2dBackwardWeights computes dw = ∂L/∂w summed over the batch; dw
// (OutC, C/Groups, KH, KW) is overwritten.
func Conv2dBackwardWeights(g ConvGeom, x, dy, dw []float32) {
	g.check("Conv2dBackwardWeights", "x", x, "dw", dw, "dy", dy)
	if g.isDepthwise() {
		depthwiseBackwardWeights(g, x, dy, dw)
		return
	}
	clear(dw[:g.WSize()])
	g.eachGroup(x, dw, dy, func(xg, dwg, dyg []float32) { convGroupBackwardWeights(g, xg, dyg, dwg) })
}

// check panics on an invalid geometry or short slices (callers validate with
// proper errors first; reaching this is a programming error).
func (g ConvGeom) check(op, xName string, x []float32, wName string, w []float32, yName string, y []float32) {
	if err := g.Validate(); err != nil {
		panic("kernels: " + op + ": " + err.Error())
	}
	checkLen(op, xName, len(x), g.XSize())
	checkLen(op, wName, len(w), g.WSize())
	checkLen(op, yName, len(y), g.YSize())
}

// eachGroup calls f for every (image, group) pair in order with the matching
// sub-slices: that image's C/Groups input planes of the group, the group's
// OutC/Groups filters, and that image's output planes of the group.
func (g ConvGeom) eachGroup(x, w, y []float32, f func(xg, wg, yg []float32)) {
	hw, p := g.H*g.W, g.OutH()*g.OutW()
	cin, cout := g.InGroup(), g.OutGroup()
	wg := cout * cin * g.KH * g.KW
	for n := range g.N {
		for grp := range g.Groups {
			xo := (n*g.C + grp*cin) * hw
			yo := (n*g.OutC + grp*cout) * p
			f(x[xo:xo+cin*hw], w[grp*wg:(grp+1)*wg], y[yo:yo+cout*p])
		}
	}
}

// groupDims returns the GEMM sizes of one group: K = (C/Groups)·KH·KW rows of
// the column matrix, P = OutH·OutW output positions, and OutC/Groups filters.
func (g ConvGeom) groupDims() (k, p, cout int) {
	return g.InGroup() * g.KH * g.KW, g.OutH() * g.OutW(), g.OutGroup()
}

// convGroupForward: yg (cout×P) = wg (cout×K) · col(xg) (K×P).
func convGroupForward(g ConvGeom, xg, wg, yg []float32) {
	k, p, cout := g.groupDims()
	if g.isPointwise() {
		Gemm(false, false, cout, p, k, 1, wg, k, xg, p, 0, yg, p)
		return
	}
	g.eachChunk(func(s colSpan, col []float32) {
		s.im2col(xg, col)
		np := s.p1 - s.p0
		Gemm(false, false, cout, np, k, 1, wg, k, col, np, 0, yg[s.p0:], p)
	})
}

// convGroupBackwardData: col = wgᵀ (K×cout) · dyg (cout×P), then col2im onto dxg.
func convGroupBackwardData(g ConvGeom, dyg, wg, dxg []float32) {
	k, p, cout := g.groupDims()
	if g.isPointwise() {
		Gemm(true, false, k, p, cout, 1, wg, k, dyg, p, 0, dxg, p)
		return
	}
	clear(dxg)
	g.eachChunk(func(s colSpan, col []float32) {
		np := s.p1 - s.p0
		Gemm(true, false, k, np, cout, 1, wg, k, dyg[s.p0:], p, 0, col, np)
		s.col2im(col, dxg)
	})
}

// convGroupBackwardWeights: dwg (cout×K) += dyg (cout×P) · col(xg)ᵀ (P×K).
func convGroupBackwardWeights(g ConvGeom, xg, dyg, dwg []float32) {
	k, p, cout := g.groupDims()
	if g.isPointwise() {
		Gemm(false, true, cout, k, p, 1, dyg, p, xg, p, 1, dwg, k)
		return
	}
	g.eachChunk(func(s colSpan, col []float32) {
		s.im2col(xg, col)
		np := s.p1 - s.p0
		Gemm(false, true, cout, k, np, 1, dyg[s.p0:], p, col, np, 1, dwg, k)
	})
}

// eachChunk splits the output positions of one image into im2col chunks and
// calls f with each chunk and a scratch column matrix sized for it.
func (g ConvGeom) eachChunk(f func(s colSpan, col []float32)) {
	k, p, _ := g.groupDims()
	budget := im2colBudget
	if g.colBudget > 0 {
		budget = g.colBudget
	}
	chunk := colChunk(budget, k, p)
	col := make([]float32, k*chunk)
	for p0 := 0; p0 < p; p0 += chunk {
		p1 := min(p, p0+chunk)
		f(colSpan{g: g, p0: p0, p1: p1}, col[:k*(p1-p0)])
	}
}
