package kernels

// Weight gradients of stride-1 and stride-2 convolutions as dot products
// read in place.
//
// dw[o][c,i,j] = Σ over images and output positions of dy[o][oh][ow] ·
// x[c][s·oh+i−PadH][s·ow+j−PadW]. With the input in the parity planes of
// conv_indirect.go (rows of Wh) and dy copied into rows of the same Wh with
// zeros in the extra columns, this is a dot product of two contiguous runs:
// dy's row of channel o, and the input plane of tap (c, i, j) starting at the
// tap's offset. The GEMM formulation would transpose both operands while
// packing them; here a register tile of mr filters × 4 taps reads them in
// place, a vector of partial sums per pair, reduced once at the end.

// dotKernel is the assembly tile: part[(i·4+j)·lanes + l] +=
// Σ a[i][s·lanes+l]·b[boffs[j]/4 + s·lanes+l] over n elements.
type dotKernel struct {
	mr, lanes int
	fn        func(n int, a *[6]*float32, b *float32, boffs *[4]int, part *float32)
}

// dotChunk is the run of positions each tile call covers: mr rows of it
// (24 KiB for 6 rows) stay in L1 while every tap block is visited.
const dotChunk = 1024

// weightGradDotApplies reports whether weightGradDot handles the geometry:
// stride 1 or 2 (read through the parity planes of conv_indirect.go), one
// group, and large maps (at least 512 positions per image, at most an
// eighth of them dropped), where each tile call runs long enough to amortise
// its partial sums; small deep layers stay on the GEMM.
func (g ConvGeom) weightGradDotApplies(lanes int) bool {
	if !g.parityPlanes() || g.Groups != 1 || g.tileCols != 0 {
		return false
	}
	q := roundUp(g.OutH()*g.planes().wh, lanes)
	return q >= 512 && 8*g.OutH()*g.OutW() >= 7*q
}

// dotPassBytes bounds the padded copies of x and dy that weightGradDot
// makes at once: it takes the batch a few images at a time. Padding the
// whole batch cost two more copies of a layer's input, 830 MB for VGG-16's
// first layers at batch 32.
const dotPassBytes = 64 << 20

// dotCachedBytes is about as much of a pass's padded dy as stays in the
// cache between the jobs that read it. Measured with one job a core above
// it: MobileNetV2's expand_28 (10 MB) slowed from 1.0 to 1.4 ms, fire2's
// 1×1 expansion (12 MB) was unchanged, and from 29 MB every layer gained
// (ResNet-18's first, 53 MB: 35–42 → 25–27 ms).
const dotCachedBytes = 16 << 20

// weightGradDot computes dw (overwritten) for a stride-1 or stride-2,
// one-group convolution with the dot-product tile dk. Every weight's sum
// runs over images, chunks and lanes in a fixed order, whatever the
// goroutines and however many images each pass takes.
func weightGradDot(g ConvGeom, x, dy, dw []float32, dk *dotKernel) {
	perImage := 4 * (g.XSize() + g.N*g.OutC*g.OutH()*g.planes().wh) / g.N // bytes of x (about its padded copy) and padded dy
	perPass := max(1, dotPassBytes/perImage)
	weightGradDotPasses(g, x, dy, dw, dk, perPass, g.dotJobs(perPass, dk.lanes))
}

// dotJobs is how many jobs weightGradDot splits the tap blocks into. Each
// job reads the whole of dy: four jobs a core balance the cores where dy
// stays in the cache, one a core where it is streamed from memory each time
// (SqueezeNet's first layer, 50 MB at batch 16: 18–21 → 9.4–10.7 ms).
func (g ConvGeom) dotJobs(perPass, lanes int) int {
	if 4*min(perPass, g.N)*g.OutC*roundUp(g.OutH()*g.planes().wh, lanes) > dotCachedBytes {
		return runtimeWorkers()
	}
	return 4 * runtimeWorkers()
}

// weightGradDotPasses is weightGradDot taking perPass images at a time, the
// tap blocks split into at most maxJobs jobs.
func weightGradDotPasses(g ConvGeom, x, dy, dw []float32, dk *dotKernel, perPass, maxJobs int) {
	k := g.C * g.KH * g.KW
	obs, tbs := ceilDiv(g.OutC, dk.mr), ceilDiv(k, 4)
	// Jobs are groups of tap blocks, all filters each, so one job's rows of
	// dy are reused by every tap block it holds.
	workers := max(1, min(maxJobs, tbs))
	perJob := ceilDiv(tbs, workers)
	jobs := ceilDiv(tbs, perJob)
	partLen := dk.mr * 4 * dk.lanes
	jobLen := obs * perJob * partLen // each job's partial sums, kept over passes
	buf := packPool.get(jobs * jobLen)
	defer packPool.put(buf)
	parts := grow(buf, jobs*jobLen)
	clear(parts)
	xs, ys := g.XSize()/g.N, g.YSize()/g.N
	for n0 := 0; n0 < g.N; n0 += perPass {
		pass := g
		pass.N = min(perPass, g.N-n0)
		n1 := n0 + pass.N
		pass.accumulateDot(x[n0*xs:n1*xs], dy[n0*ys:n1*ys], parts, jobLen, perJob, dk)
	}
	forEachJob(jobs, func(_ *gemmScratch, job int) {
		tb0, tb1 := job*perJob, min(tbs, (job+1)*perJob)
		part := parts[job*jobLen:]
		for ob := range obs {
			for tb := tb0; tb < tb1; tb++ {
				p := part[(ob*(tb1-tb0)+tb-tb0)*partLen:]
				for i := range dk.mr {
					o := ob*dk.mr + i
					if o >= g.OutC {
						break
					}
					for j := range 4 {
						t := tb*4 + j
						if t >= k {
							break
						}
						lanes := p[(i*4+j)*dk.lanes : (i*4+j+1)*dk.lanes]
						var s float32
						for _, v := range lanes {
							s += v
						}
						dw[o*k+t] = s
					}
				}
			}
		}
	})
}

// accumulateDot adds the images of g (x and dy hold just those) into each
// job's partial sums, parts[job·jobLen:], as weightGradDot lays them out.
func (g ConvGeom) accumulateDot(x, dy, parts []float32, jobLen, perJob int, dk *dotKernel) {
	oh, ow := g.OutH(), g.OutW()
	k := g.C * g.KH * g.KW
	pad, unpad := g.padInput(x, 2*dk.lanes, 0)
	defer unpad()
	wp := pad.pg.wh
	q := roundUp(oh*wp, dk.lanes) // output positions per image, whole vectors

	dyp := dy
	if wp != ow || q != oh*ow { // dy's rows need the padded layout
		buf := packPool.get(g.N * g.OutC * q)
		defer packPool.put(buf)
		dyp = grow(buf, g.N*g.OutC*q)
		padRows(dy, dyp, g.N*g.OutC, oh, ow, wp, q)
	}

	mr := dk.mr
	obs, tbs := ceilDiv(g.OutC, mr), ceilDiv(k, 4)
	// Tap offsets per block of 4 (the last block repeats its last tap).
	boffs := make([][4]int, tbs)
	for t := range tbs * 4 {
		boffs[t/4][t%4] = 4 * pad.tapOffset(min(t, k-1))
	}
	largest := 0
	for _, b := range boffs {
		largest = max(largest, b[0], b[1], b[2], b[3])
	}
	partLen := mr * 4 * dk.lanes
	forEachJob(ceilDiv(tbs, perJob), func(_ *gemmScratch, job int) {
		tb0, tb1 := job*perJob, min(tbs, (job+1)*perJob)
		part := parts[job*jobLen:]
		var a [6]*float32
		for img := range g.N {
			xb := pad.imageBase(img)
			for s0 := 0; s0 < q; s0 += dotChunk {
				n := min(dotChunk, q-s0)
				if need := s0 + n + largest/4; need > len(xb) {
					panic("kernels: weightGradDot reads past the padded input")
				}
				for ob := range obs {
					for i := range mr {
						o := min(ob*mr+i, g.OutC-1)
						a[i] = &dyp[(img*g.OutC+o)*q+s0]
					}
					for tb := tb0; tb < tb1; tb++ {
						p := part[(ob*(tb1-tb0)+tb-tb0)*partLen:]
						dk.fn(n, &a, &xb[s0], &boffs[tb], &p[0])
					}
				}
			}
		}
	})
}

// padRows copies planes of oh rows of ow (dy) into planes of q floats with
// rows of wp (dyp), zeros in the extra columns and after the last row.
func padRows(dy, dyp []float32, planes, oh, ow, wp, q int) {
	parallelFor(planes, func(no int) {
		dst := dyp[no*q : (no+1)*q]
		src := dy[no*oh*ow : (no+1)*oh*ow]
		for r := range oh {
			row := dst[r*wp : (r+1)*wp]
			copy(row, src[r*ow:(r+1)*ow])
			clear(row[ow:])
		}
		clear(dst[oh*wp:])
	})
}
