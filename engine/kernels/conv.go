package kernels

import "math"

// Epilogue is what a convolution applies to each output value v of output
// channel o before storing it:
//
//	y = clamp(v·Scale[o] + Shift[o], Lo, Hi)
//
// A nil Scale means 1 and a nil Shift 0; without Clamp there is no clamping.
// A conv bias is Shift; ReLU is Clamp with [0, +Inf], ReLU6 [0, 6]; a
// BatchNorm in evaluation mode folds into Scale = γ/√(σ²+ε) and
// Shift = β − μ·Scale (plus bias·Scale), computed exactly as BatchNormForward
// does so the fused result equals conv, then batch norm, then ReLU.
type Epilogue struct {
	Scale, Shift []float32
	Clamp        bool
	Lo, Hi       float32
}

// ReLU returns the epilogue clamp of ReLU (lo 0, hi +Inf) or ReLU6 (hi 6).
func ReLU(six bool) (lo, hi float32) {
	if six {
		return 0, 6
	}
	return 0, float32(math.Inf(1))
}

// apply writes dst = epilogue(src) for channel o. NaN passes the clamp, as
// in PyTorch and Clamp.
func (e *Epilogue) apply(o int, src, dst []float32) {
	if e == nil || (e.Scale == nil && e.Shift == nil && !e.Clamp) {
		copy(dst, src)
		return
	}
	s, b, lo, hi := float32(1), float32(0), negInf, posInf
	if e.Scale != nil {
		s = e.Scale[o]
	}
	if e.Shift != nil {
		b = e.Shift[o]
	}
	if e.Clamp {
		lo, hi = e.Lo, e.Hi
	}
	affineClamp(src, dst, e.Scale != nil || e.Shift != nil, s, b, lo, hi)
}

// check panics when the epilogue's per-channel slices are too short.
func (e *Epilogue) check(op string, channels int) {
	if e == nil {
		return
	}
	if e.Scale != nil {
		checkLen(op, "scale", len(e.Scale), channels)
	}
	if e.Shift != nil {
		checkLen(op, "shift", len(e.Shift), channels)
	}
}

// Conv2d computes y = x ⋆ w (PyTorch's conv2d without bias) for the geometry
// g: x is (N, C, H, W), w is (OutC, C/Groups, KH, KW), y is (N, OutC, OutH, OutW)
// and is overwritten.
func Conv2d(g ConvGeom, x, w, y []float32) { Conv2dFused(g, x, w, nil, y) }

// Conv2dFused computes y = epilogue(x ⋆ w): the convolution with its bias,
// a folded batch norm and a ReLU applied while each output tile is still in
// cache, instead of three more passes over memory. A nil epilogue is the
// plain convolution.
//
// Depthwise layers run as direct loops. Everything else is one GEMM per
// group, weights (OutC/Groups × K) times the im2col matrix (K × N·OutH·OutW),
// with the weights packed once for all images and goroutines and the im2col
// matrix never materialised: GEMM packing reads its panels from x directly.
// Output tiles span images, so the deep 7×7 layers of a batch still make
// wide, efficient GEMMs.
func Conv2dFused(g ConvGeom, x, w []float32, e *Epilogue, y []float32) {
	g.check("Conv2d", "x", x, "w", w, "y", y)
	e.check("Conv2d", g.OutC)
	if winogradApplies(g) {
		winogradForward(g, x, w, e, y, true)
		return
	}
	if g.isDepthwise() {
		depthwiseForward(g, x, w, e, y)
		return
	}
	k, p, cout := g.groupDims()
	kern := activeKernels.pick(cout)
	per, indirect := g.indirectColumns(kern.nr)
	indirect = indirect && kern.ind != nil && g.tileCols == 0
	var pad *paddedInput
	var split []float32
	if indirect {
		var unpad func()
		pad, unpad = g.padInput(x, kern.nr, per)
		defer unpad()
	} else {
		var release func()
		split, release = g.splitColumns(x)
		defer release()
	}
	for grp := range g.Groups {
		oc0 := grp * cout
		plan := &gemmPlan{kern: kern, m: cout, n: g.N * p, k: k, b: convCols{g, x, grp, split}}
		if g.isPointwise() { // the input itself is the im2col matrix
			plan.b = matrixSource{v: imageRows{x, g.C, p, grp * g.InGroup()}, alpha: 1}
		}
		wg := w[oc0*k : (oc0+cout)*k]
		a, release := plan.prepackA(matrixSource{v: denseMatrix{wg, k}, linesAreRows: true, alpha: 1})
		plan.a = a
		if indirect {
			pg := pad.forGroup(grp * g.InGroup())
			plan.bi, plan.n = pg, g.N*per
			outW := g.OutW()
			// Long runs (whole planes of pointwise layers, wide rows) get
			// the epilogue on their way from the tile to y, in one pass;
			// short rows get it on whole tile rows in vectors (the dropped
			// columns too), then are copied out.
			direct := pg.pg.wh == outW || outW >= 32
			plan.epi = func(_ *gemmScratch, t gemmTile, out []float32, ldo int) {
				if !direct {
					for r := range t.i1 - t.i0 {
						row := out[r*ldo : (r+1)*ldo]
						e.apply(oc0+t.i0+r, row, row)
					}
				}
				pg.eachOutputRun(t.j0, t.j1, func(img, oh, ow0, ow1, off int) {
					for r := range t.i1 - t.i0 {
						o := oc0 + t.i0 + r
						d := (img*g.OutC+o)*p + oh*outW
						src := out[r*ldo+off : r*ldo+off+ow1-ow0]
						if direct {
							e.apply(o, src, y[d+ow0:d+ow1])
						} else {
							copy(y[d+ow0:d+ow1], src)
						}
					}
				})
			}
			plan.run(plan.gridJobs(plan.workers()))
			release()
			continue
		}
		plan.epi = func(_ *gemmScratch, t gemmTile, out []float32, ldo int) {
			var segs [16][4]int // (image, q0, q1, offset) pieces of the tile's columns
			for j0 := t.j0; j0 < t.j1; {
				n := 0
				for j := j0; j < t.j1 && n < len(segs); n++ {
					img, q := j/p, j%p
					seg := min(t.j1-j, p-q)
					segs[n] = [4]int{img, q, q + seg, j - t.j0}
					j += seg
				}
				for r := range t.i1 - t.i0 {
					o := oc0 + t.i0 + r
					src := out[r*ldo : r*ldo+t.j1-t.j0]
					for _, s := range segs[:n] {
						base := (s[0]*g.OutC + o) * p
						e.apply(o, src[s[3]:s[3]+s[2]-s[1]], y[base+s[1]:base+s[2]])
					}
				}
				last := segs[n-1]
				j0 = t.j0 + last[3] + last[2] - last[1]
			}
		}
		plan.run(plan.convJobs(g))
		release()
	}
}

// Conv2dBackwardData computes dx = ∂L/∂x from dy = ∂L/∂y (the transposed
// convolution); dx (N, C, H, W) is overwritten.
//
// Per group it multiplies wᵀ (K × OutC/Groups) by dy seen as
// OutC/Groups × N·OutH·OutW, and each output tile (rows are taps, columns
// positions) is added back onto dx by col2im. Tiles that could add onto the
// same pixels run on the same goroutine, in a fixed order.
func Conv2dBackwardData(g ConvGeom, dy, w, dx []float32) {
	g.check("Conv2dBackwardData", "dx", dx, "w", w, "dy", dy)
	if g.isDepthwise() {
		depthwiseBackwardData(g, dy, w, dx)
		return
	}
	if g.backDataAsConv() || winogradBackDataApplies(g) {
		backwardDataAsConv(g, dy, w, dx)
		return
	}
	k, p, cout := g.groupDims()
	cin, hw := g.InGroup(), g.H*g.W
	pointwise := g.isPointwise()
	if !pointwise {
		clear(dx[:g.XSize()])
	}
	for grp := range g.Groups {
		oc0, c0 := grp*cout, grp*cin
		plan := &gemmPlan{kern: activeKernels.pick(k), m: k, n: g.N * p, k: cout,
			b: matrixSource{v: imageRows{dy, g.OutC, p, oc0}, alpha: 1}}
		wg := w[oc0*k : (oc0+cout)*k]
		a, release := plan.prepackA(matrixSource{v: denseMatrix{wg, k}, linesAreRows: false, alpha: 1})
		plan.a = a
		plan.epi = func(ws *gemmScratch, t gemmTile, out []float32, ldo int) {
			if pointwise {
				for r := range t.i1 - t.i0 {
					c, src := c0+t.i0+r, out[r*ldo:r*ldo+t.j1-t.j0]
					eachImageSegment(t.j0, t.j1, p, func(img, q0, q1, off int) {
						copy(dx[(img*g.C+c)*hw+q0:(img*g.C+c)*hw+q1], src[off:])
					})
				}
				return
			}
			ws.segs = g.segments(ws.segs, t.j0, t.j1-t.j0)
			for r := range t.i1 - t.i0 {
				c, i, j := g.tap(t.i0 + r)
				g.scatterTap(dx, c0+c, i, j, ws.segs, out[r*ldo:r*ldo+t.j1-t.j0])
			}
		}
		if pointwise { // every dx element comes from exactly one tile
			plan.run(plan.convJobs(g))
		} else {
			plan.run(plan.col2imJobs(g))
		}
		release()
	}
}

// backDataAsConv reports whether the input gradient is computed as a
// forward convolution: stride 1, no dilation, one group, padding less than
// the kernel, and only where that forward convolution reads its input in
// place (on small maps the transposed GEMM with col2im is faster than
// packing). A 1×1 layer's transposed GEMM needs no col2im anyway, but it
// packs dy; as a forward convolution dy is read where it lies, which pays
// on maps of whole panels or of 512 positions and more (measured on
// MobileNetV2's: 28×28 gains half, 14×14 loses a quarter).
func (g ConvGeom) backDataAsConv() bool {
	if g.StrideH != 1 || g.StrideW != 1 || g.DilationH != 1 || g.DilationW != 1 || g.Groups != 1 ||
		g.PadH >= g.KH || g.PadW >= g.KW || g.tileCols != 0 {
		return false
	}
	k := activeKernels.pick(g.C)
	if g.isPointwise() && (g.H*g.W)%k.nr != 0 && g.H*g.W < 512 {
		return false
	}
	_, ok := g.transposed().indirectColumns(k.nr)
	return ok && k.ind != nil
}

// transposed is the geometry of the input gradient as a forward
// convolution of dy (see backwardDataAsConv).
func (g ConvGeom) transposed() ConvGeom {
	return ConvGeom{N: g.N, C: g.OutC, H: g.OutH(), W: g.OutW(), OutC: g.C, KH: g.KH, KW: g.KW,
		StrideH: 1, StrideW: 1, PadH: g.KH - 1 - g.PadH, PadW: g.KW - 1 - g.PadW, DilationH: 1, DilationW: 1, Groups: 1}
}

// backwardDataAsConv computes dx as the convolution of dy with the weights
// transposed (in and out channels swapped) and rotated by 180°, padded by
// K−1−pad: for stride 1 that is exactly the transposed convolution, and it
// runs on the forward path (no col2im scatter, no packing where the
// indirect kernels apply).
func backwardDataAsConv(g ConvGeom, dy, w, dx []float32) {
	t := g.transposed()
	buf := packPool.get(g.WSize())
	defer packPool.put(buf)
	wt := grow(buf, g.WSize())
	kk := g.KH * g.KW
	parallelFor(g.OutC, func(o int) {
		for c := range g.C {
			src := w[(o*g.C+c)*kk : (o*g.C+c+1)*kk]
			dst := wt[(c*g.OutC+o)*kk : (c*g.OutC+o+1)*kk]
			for q := range kk {
				dst[kk-1-q] = src[q]
			}
		}
	})
	Conv2dFused(t, dy, wt, nil, dx)
}

// Conv2dBackwardWeights computes dw = ∂L/∂w summed over the batch; dw
// (OutC, C/Groups, KH, KW) is overwritten. Per group it multiplies dy
// (OutC/Groups × N·OutH·OutW) by the transposed im2col matrix.
//
// Small weights (the first layers: 64 filters, a long sum over 16 large
// images) would leave each packed im2col panel serving few filters, so the
// images are cut into chunks, each summed into its own partial dw by one
// goroutine, and the partials added in chunk order. Large weights are tiled
// instead, each tile summing over every image itself. Either way the chunks
// and the order of every sum depend on the shapes only, not on the number of
// goroutines.
func Conv2dBackwardWeights(g ConvGeom, x, dy, dw []float32) {
	g.check("Conv2dBackwardWeights", "x", x, "dw", dw, "dy", dy)
	if winogradWeightsApply(g) {
		winogradBackwardWeights(g, x, dy, dw, true)
		return
	}
	if g.isDepthwise() {
		depthwiseBackwardWeights(g, x, dy, dw)
		return
	}
	if dk := dotKernelFor(activeKernels); dk != nil && g.weightGradDotApplies(dk.lanes) {
		weightGradDot(g, x, dy, dw, dk)
		return
	}
	k, p, cout := g.groupDims()
	split, release := g.splitColumns(x)
	defer release()
	chunks := weightChunks(g.N, cout*k)
	var partials []float32
	if chunks > 1 {
		buf := packPool.get(chunks * cout * k)
		defer packPool.put(buf)
		partials = grow(buf, chunks*cout*k)
	}
	for grp := range g.Groups {
		oc0 := grp * cout
		base := gemmPlan{kern: activeKernels.pick(cout), m: cout, n: k, k: g.N * p,
			a: matrixSource{v: imageRows{dy, g.OutC, p, oc0}, linesAreRows: true, alpha: 1},
			b: convTaps{g, x, grp, split},
			c: dw[oc0*k : (oc0+cout)*k], ldc: k}
		if chunks == 1 {
			// dy is packed once for every tile (a tile per block of taps
			// would otherwise repack all of it).
			a, release := base.prepackA(base.a)
			base.a = a
			base.run(base.gridJobs(base.workers()))
			release()
			continue
		}
		var tiles []planTile
		for s := range chunks {
			i0, i1 := s*g.N/chunks, (s+1)*g.N/chunks
			plan := base
			plan.kOff, plan.k = i0*p, (i1-i0)*p
			plan.c = partials[s*cout*k : (s+1)*cout*k]
			for j0 := 0; j0 < k; j0 += plan.ncMax() {
				tiles = append(tiles, planTile{&plan, gemmTile{0, cout, j0, min(k, j0+plan.ncMax())}})
			}
		}
		runTiles(tiles)
		sumPartials(partials, chunks, base.c)
	}
}

// weightChunks is how many image chunks the weight gradient of a layer with
// wsize weights per group sums separately: up to one per image while the
// partials stay small (the first layers), else 1.
func weightChunks(n, wsize int) int {
	const maxPartials = 4 << 20 // floats, all chunks together
	if wsize > 256<<10 {
		return 1
	}
	return max(1, min(n, 16, maxPartials/wsize))
}

// sumPartials writes dst[i] = Σ_s partials[s·len(dst)+i], in chunk order.
func sumPartials(partials []float32, chunks int, dst []float32) {
	n := len(dst)
	parallelChunks(n, func(lo, hi int) {
		d := dst[lo:hi]
		copy(d, partials[lo:hi])
		for s := 1; s < chunks; s++ {
			src := partials[s*n+lo : s*n+hi]
			for i := range d {
				d[i] += src[i]
			}
		}
	})
}

// eachImageSegment splits the column range [j0, j1) of an im2col matrix with
// p positions per image into per-image pieces: image img, positions
// [q0, q1), starting off columns after j0.
func eachImageSegment(j0, j1, p int, f func(img, q0, q1, off int)) {
	for j := j0; j < j1; {
		img, q := j/p, j%p
		seg := min(j1-j, p-q)
		f(img, q, q+seg, j-j0)
		j += seg
	}
}

// prepackA packs the whole A operand once for the plan's kernel and returns
// it with a function that gives the memory back to the pool.
func (p *gemmPlan) prepackA(src panelSource) (*packedOperand, func()) {
	buf := packPool.get(roundUp(p.m, p.kern.mr) * p.k)
	a := prepack(src, p.kern.mr, p.kern.kc, p.m, p.k, *buf)
	return a, func() {
		*buf = a.data
		packPool.put(buf)
	}
}

// convJobs tiles a convolution GEMM like gridJobs, except that ConvGeom's
// tileCols (set by tests) caps the tile width to force many small tiles.
func (p *gemmPlan) convJobs(g ConvGeom) [][]gemmTile {
	if g.tileCols > 0 {
		return p.tiles(roundUp(p.m, p.kern.mr), roundUp(g.tileCols, p.kern.nr))
	}
	return p.gridJobs(p.workers())
}

// col2imJobs tiles the backward-data GEMM so that no two jobs add onto the
// same input plane: a job is one image and a band of rows (taps) that holds
// whole channels — its height a multiple of both mr and KH·KW — and its
// column tiles run in order on one goroutine.
func (p *gemmPlan) col2imJobs(g ConvGeom) [][]gemmTile {
	mr, kk := p.kern.mr, g.KH*g.KW
	unit := mr * kk / gcd(mr, kk)
	_, pos, _ := g.groupDims()
	nc := min(roundUp(pos, p.kern.nr), p.ncMax())
	if g.tileCols > 0 {
		nc = roundUp(g.tileCols, p.kern.nr)
	}
	band := roundUp(max(unit, min(p.m, 2*gemmBlockFloats/nc)), unit)
	// With fewer images than goroutines, thinner bands keep all cores busy.
	for w := p.workers(); band > unit && g.N*ceilDiv(p.m, band) < 2*w; {
		band = roundUp(band/2, unit)
	}
	var jobs [][]gemmTile
	for img := range g.N {
		for i0 := 0; i0 < p.m; i0 += band {
			var job []gemmTile
			for q := 0; q < pos; q += nc {
				job = append(job, gemmTile{i0, min(i0+band, p.m), img*pos + q, img*pos + min(q+nc, pos)})
			}
			jobs = append(jobs, job)
		}
	}
	return jobs
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
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

// groupDims returns the GEMM sizes of one group: K = (C/Groups)·KH·KW rows of
// the column matrix, P = OutH·OutW output positions per image, and
// OutC/Groups filters.
func (g ConvGeom) groupDims() (k, p, cout int) {
	return g.InGroup() * g.KH * g.KW, g.OutH() * g.OutW(), g.OutGroup()
}
