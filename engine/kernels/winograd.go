package kernels

// Winograd F(4×4, 3×3) convolution (Lavin & Gray, 2015) for 3×3 stride-1
// layers: each 4×4 block of outputs ("tile") comes from its 6×6 input patch
// d as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A, so a tile costs 36 multiplies per
// (input, output) channel pair instead of 144. Summed over input channels,
// the 36 element-wise products become 36 GEMMs, one per transform element e:
//
//	M_e (OutC × tiles) = U_e (OutC × C) · V_e (C × tiles)
//
// run on the package's micro-kernels: U (the transformed weights) is packed
// once per call as the micro-kernels' A panels, and the input transform
// writes V straight in their B-panel layout, so nothing is packed twice.
//
// A job is one B panel: nr consecutive tiles of the batch (tile t is image
// t/(th·tw), tile row t%(th·tw)/tw, column t%tw). It gathers the 6×6 patches
// of 16 tiles per channel, transforms them 16 tiles at a time (one tile per
// vector lane, winograd_amd64.s), runs the 36 GEMMs with its V and M in the
// goroutine's scratch, transforms M back and scatters the 4×4 outputs with
// the epilogue applied.
//
// F(4,3) rather than F(2,3): 4× fewer multiplies instead of 2.25×. Its
// rounding error is several times the GEMM's (winograd_test.go bounds it):
// every golden test passes with the thresholds below, but forced onto every
// 3×3 layer of SqueezeNet with 32 channels or more, the forward moved the
// seeded training losses of engine/train by up to 7.5e-4 (the golden
// allows 2e-4; the weight gradient alone stayed within it).

const (
	winoElems = 36 // 6×6 transform elements per tile
	winoLanes = 16 // tiles transformed together (one AVX-512 vector)
)

// winogradApplies reports whether the forward convolution g runs as
// Winograd: a shape winogradShapeFits accepts with at least 64 tiles.
//
// The tile threshold is measured (BenchmarkConvWinograd, AMD EPYC with
// AVX-512, two cores): with the weights transformed 8 filters a vector,
// ResNet-18's layer4 at batch 16 (7×7 maps, 64 tiles, 512 channels) runs
// at 143-149 GFLOP/cpu-s forward against 63-64 for the GEMM, and its input
// gradient at 119 against 72 (with the scalar weight transform, 120 ns a
// filter, it was 14% faster forward and slower on the input gradient).
func winogradApplies(g ConvGeom) bool {
	return winogradShapeFits(g) && newWinoTiling(g).tiles >= 64
}

// winogradWeightsApply reports whether the weight gradient of g runs as
// Winograd: from 64 tiles, as it has no weight transform to amortise, and
// while its 36 transformed gradients (36·OutC·C floats, kept whole across
// chunks of tiles) stay within 16 MB. ResNet-18's layer4 (512 × 512, 38
// MB) gained 20-30% but raised the training peak by about 60 MB, which
// issue 18 counts too.
func winogradWeightsApply(g ConvGeom) bool {
	return winogradShapeFits(g) && newWinoTiling(g).tiles >= 64 && winoElems*g.OutC*g.C <= 4<<20
}

// winogradBackDataApplies reports whether the input gradient of g runs as
// the forward Winograd convolution of dy with the weights rotated by 180°
// and in and out channels swapped (backwardDataAsConv). It needs 32 input
// channels too: SqueezeNet's fire2 (16 → 64) measured 68 against 77
// GFLOP/cpu-s for the GEMM.
func winogradBackDataApplies(g ConvGeom) bool {
	return g.StrideH == 1 && g.StrideW == 1 && g.DilationH == 1 && g.DilationW == 1 && g.Groups == 1 &&
		g.PadH <= 2 && g.PadW <= 2 && g.C >= 32 && winogradApplies(g.transposed())
}

// winogradShapeFits reports whether g is a 3×3, stride-1, undilated,
// ungrouped convolution with padding at most 2, on a CPU with the vector
// transforms, with at least 32 input and 16 output channels. At 16 input
// channels (SqueezeNet's fire2/fire3) Winograd gained nothing measurable
// (77 against 73 GFLOP/cpu-s) and, with so few terms per sum, its rounding
// moved the seeded SqueezeNet training losses of engine/train by 2.7e-4
// (the golden allows 2e-4).
func winogradShapeFits(g ConvGeom) bool {
	if !useWinogradAVX512 || g.KH != 3 || g.KW != 3 || g.StrideH != 1 || g.StrideW != 1 ||
		g.DilationH != 1 || g.DilationW != 1 || g.Groups != 1 || g.PadH < 0 || g.PadH > 2 || g.PadW < 0 || g.PadW > 2 ||
		g.tileCols != 0 || activeKernels.pick(g.OutC).nr%winoLanes != 0 || activeKernels.pick(g.C).nr%winoLanes != 0 {
		return false
	}
	if tl := newWinoTiling(g); tl.paddedFloats() >= 1<<31 || g.N*g.OutC*16*tl.th*tl.tw >= 1<<31 {
		return false // gather offsets are int32
	}
	return g.C >= 32 && g.OutC >= 16
}

// winoTiling is the tile grid of a convolution: th×tw tiles per image. The
// patches are gathered from a zero-padded copy of the input cut into bands:
// band (image, tile row ty) holds, channel after channel, the 6 padded rows
// of width wp that tile row reads, so a job (a few tile rows) streams
// through memory channel by channel instead of jumping between planes,
// which left the gathers waiting on cache misses.
type winoTiling struct {
	g              ConvGeom
	oh, ow, th, tw int
	tiles          int // N·th·tw
	wp             int // 4·tw+2, the padded row width
}

func newWinoTiling(g ConvGeom) winoTiling {
	oh, ow := g.OutH(), g.OutW()
	th, tw := ceilDiv(oh, 4), ceilDiv(ow, 4)
	return winoTiling{g: g, oh: oh, ow: ow, th: th, tw: tw, tiles: g.N * th * tw, wp: 4*tw + 2}
}

// bandFloats is the size of one channel of a band (6 padded rows).
func (tl *winoTiling) bandFloats() int { return 6 * tl.wp }

// paddedFloats is the size of the banded, padded input.
func (tl *winoTiling) paddedFloats() int { return tl.g.N * tl.th * tl.g.C * tl.bandFloats() }

// winogradForward computes y = epilogue(x ⋆ w) for a geometry winogradApplies
// accepts (vec false runs the Go transforms, for tests).
//
// The padded input is made for winoPassImages images at a time, the
// weights transformed once for all of them.
func winogradForward(g ConvGeom, x, w []float32, e *Epilogue, y []float32, vec bool) {
	whole := newWinoTiling(g)
	perPass := winoPassImages(g, whole.paddedFloats()/g.N)
	winoForwardBlocks(g, x, w, e, y, winoMaxWeightFloats, perPass, vec)
}

// winoMaxWeightFloats bounds the transformed weights held at once (16 MB):
// whole, ResNet-18's layer4 (512 × 512 filters, 36 elements each) would
// take 38 MB and raised the forward's peak by 50 MB over the GEMM's.
const winoMaxWeightFloats = 4 << 20

// winoPassBytes bounds the padded copies a Winograd call makes at once: it
// takes the batch a few images at a time. Padding the whole batch at once
// took 657 MB (forward) and 994 MB (weight gradient) for VGG-16's first
// layers at batch 32, more than the activations they were computed from.
const winoPassBytes = 64 << 20

// winoPassImages is how many images of g fit in winoPassBytes at
// perImage floats of padded copies each (at least one).
func winoPassImages(g ConvGeom, perImage int) int {
	return max(1, min(g.N, winoPassBytes/(4*max(1, perImage))))
}

// winoForwardBlocks runs the output channels in as few equal blocks as keep
// each block's transformed weights within maxU floats, and the images
// perPass at a time; every block gathers and transforms the input again
// (cheap next to the GEMMs where blocks are needed: many input channels,
// few tiles), and large maps, which need passes, need no blocks. Each
// output is the same sum in the same order whatever the blocks and passes.
func winoForwardBlocks(g ConvGeom, x, w []float32, e *Epilogue, y []float32, maxU, perPass int, vec bool) {
	kern := activeKernels.pick(g.OutC)
	perRow := winoElems * g.C
	blocks := ceilDiv(roundUp(g.OutC, kern.mr)*perRow, maxU)
	kb := min(roundUp(ceilDiv(g.OutC, blocks), kern.mr), roundUp(g.OutC, kern.mr))
	nu := kb * perRow
	first := g
	first.N = perPass
	ftl := newWinoTiling(first)
	need := nu + ftl.paddedFloats()
	buf := packPool.get(need) // one buffer for both
	defer packPool.put(buf)
	mem := grow(buf, need)
	u, xp := mem[:nu], mem[nu:]
	xs, ys := g.XSize()/g.N, g.YSize()/g.N
	padded := -1 // the first image of the pass xp holds
	for k0 := 0; k0 < g.OutC; k0 += kb {
		blk := winoBlock{k0: k0, k1: min(g.OutC, k0+kb)}
		blk.kpad = roundUp(blk.k1-k0, kern.mr)
		winoWeights(g, w[k0*g.C*9:blk.k1*g.C*9], blk.k1-k0, u, kern.mr, blk.kpad)
		for n0 := 0; n0 < g.N; n0 += perPass {
			pass := g
			pass.N = min(perPass, g.N-n0)
			tl := newWinoTiling(pass)
			if padded != n0 {
				tl.pad(x[n0*xs:(n0+pass.N)*xs], xp)
				padded = n0
			}
			yp := y[n0*ys : (n0+pass.N)*ys]
			forEachJob(ceilDiv(tl.tiles, kern.nr), func(ws *gemmScratch, j int) {
				tl.job(ws, kern, u, blk, xp, e, yp, j*kern.nr, vec)
			})
		}
	}
}

// winoBlock is a block of output channels [k0, k1), kpad of them rounded up
// to whole panels.
type winoBlock struct{ k0, k1, kpad int }

// pad copies x into the bands of xp, zeros around the image.
func (tl *winoTiling) pad(x, xp []float32) {
	g := tl.g
	parallelFor(g.N*tl.th, func(b int) {
		img, ty := b/tl.th, b%tl.th
		for c := range g.C {
			src := x[(img*g.C+c)*g.H*g.W : (img*g.C+c+1)*g.H*g.W]
			dst := xp[(b*g.C+c)*tl.bandFloats() : (b*g.C+c+1)*tl.bandFloats()]
			for r := range 6 {
				row := dst[r*tl.wp : (r+1)*tl.wp]
				iy := 4*ty + r - g.PadH
				if iy < 0 || iy >= g.H {
					clear(row)
					continue
				}
				clear(row[:g.PadW])
				n := min(g.W, tl.wp-g.PadW)
				copy(row[g.PadW:], src[iy*g.W:iy*g.W+n])
				clear(row[g.PadW+n:])
			}
		}
	})
}

// winoWeights writes U = G g Gᵀ for every filter g = w[k][c] (3×3, k <
// outC) as the A panels of the 36 GEMMs: u[((e·kpad/mr + k/mr)·C + c)·mr +
// k%mr], rows past outC zero. One job per panel, so each job writes whole runs of mr
// floats and no two jobs share a cache line; float64 inside, rounded once.
func winoWeights(g ConvGeom, w []float32, outC int, u []float32, mr, kpad int) {
	const cb = 16 // channels transformed before their 36 runs are stored
	panels := kpad / mr
	forEachJob(panels, func(ws *gemmScratch, pi int) {
		// The 36 destinations of one filter lie megabytes apart, the same
		// cache set: storing them one filter at a time thrashed L1 and L2
		// (200 ns a filter at 512 channels). Blocks of cb channels are
		// gathered in scratch, then stored as 36 runs of cb·mr floats.
		blk := grow(&ws.a, winoElems*cb*mr)
		var idx [8]int32 // filter r of a group of 8 is r·C·9 floats after the first
		for r := range idx {
			idx[r] = int32(r * g.C * 9)
		}
		for c0 := 0; c0 < g.C; c0 += cb {
			n := min(cb, g.C-c0)
			for c := range n {
				if useWinogradAVX512 {
					// 8 filters (output channels) a call, one per lane.
					for r0 := 0; r0 < mr; r0 += 8 {
						k0 := pi*mr + r0
						nk := max(0, min(8, mr-r0, outC-k0))
						f := 0
						if nk > 0 {
							f = (k0*g.C + c0 + c) * 9
						}
						winoFilter8Vec(w, f, &idx, nk, min(8, mr-r0), blk[c*mr+r0:], cb*mr)
					}
					continue
				}
				for r := range mr {
					k := pi*mr + r
					d := blk[c*mr+r:]
					if k >= outC {
						for e := range winoElems {
							d[e*cb*mr] = 0
						}
						continue
					}
					f := (k*g.C + c0 + c) * 9
					winoFilter(w[f:f+9], d, cb*mr)
				}
			}
			for e := range winoElems {
				copy(u[((e*panels+pi)*g.C+c0)*mr:], blk[e*cb*mr:(e*cb+n)*mr])
			}
		}
	})
}

// winoFilter writes G f Gᵀ for one 3×3 filter f into dst[e·stride],
// e = 0..35, with
//
//	G = [1/4 0 0; −1/6 −1/6 −1/6; −1/6 1/6 −1/6; 1/24 1/12 1/6; 1/24 −1/12 1/6; 0 0 1]
func winoFilter(f []float32, dst []float32, stride int) {
	_ = f[8]
	var gf [6][3]float64 // G f
	for j := range 3 {
		col := winoG1D(float64(f[j]), float64(f[3+j]), float64(f[6+j]))
		for i := range 6 {
			gf[i][j] = col[i]
		}
	}
	_ = dst[35*stride]
	for i := range 6 {
		row := winoG1D(gf[i][0], gf[i][1], gf[i][2])
		for j := range 6 {
			dst[(i*6+j)*stride] = float32(row[j])
		}
	}
}

// winoG1D is G·(a, b, c); multiplies by reciprocals (a division costs ten).
func winoG1D(a, b, c float64) [6]float64 {
	const sixth, twelfth, twentyFourth = 1.0 / 6, 1.0 / 12, 1.0 / 24
	ac, b6 := (a+c)*sixth, b*sixth
	p, q := a*twentyFourth+c*sixth, b*twelfth
	return [6]float64{a * 0.25, -ac - b6, b6 - ac, p + q, p - q, c}
}

// winoLanesAt is where the job's tiles are: for each lane, the offset of
// its 6×6 patch in the bands (channel 0) and of its 4×4 output
// block in channel 0 of y, and whether that block lies wholly inside y.
type winoLanesAt struct {
	in   [64]int32 // lanes past the last tile read tile 0's patch
	out  [64]int
	full [64]bool
	n    int // lanes holding tiles
}

func (tl *winoTiling) lanes(at *winoLanesAt, t0, nr int) {
	g := tl.g
	at.n = min(nr, tl.tiles-t0)
	for l := range nr {
		if l >= at.n {
			at.in[l] = 0
			continue
		}
		t := t0 + l
		img, q := t/(tl.th*tl.tw), t%(tl.th*tl.tw)
		ty, tx := q/tl.tw, q%tl.tw
		at.in[l] = int32((img*tl.th+ty)*g.C*tl.bandFloats() + 4*tx)
		at.out[l] = img*g.OutC*tl.oh*tl.ow + 4*ty*tl.ow + 4*tx
		at.full[l] = 4*ty+4 <= tl.oh && 4*tx+4 <= tl.ow
	}
}

// job computes the nr tiles starting at tile t0.
func (tl *winoTiling) job(ws *gemmScratch, kern microKernel, u []float32, blk winoBlock,
	xp []float32, e *Epilogue, y []float32, t0 int, vec bool) {
	g, nr, mr, kpad := tl.g, kern.nr, kern.mr, blk.kpad
	v := grow(&ws.b, winoElems*g.C*nr)  // [36][C][nr]: the B panels
	m := grow(&ws.c, winoElems*kpad*nr) // [36][kpad][nr]: the GEMM results
	tmp := grow(&ws.row, (36+24+16*nr)*winoLanes)
	patch, otmp, out := tmp[:36*winoLanes], tmp[36*winoLanes:60*winoLanes], tmp[60*winoLanes:]
	var at winoLanesAt
	tl.lanes(&at, t0, nr)

	plane := tl.bandFloats()
	for h := 0; h < nr; h += winoLanes {
		offs := (*[winoLanes]int32)(at.in[h : h+winoLanes])
		for c := range g.C {
			dst := v[c*nr+h:]
			if vec {
				winoGatherInput43Vec(xp[c*plane:], offs, tl.wp, patch, dst, g.C*nr)
				continue
			}
			tl.gather(patch, xp[c*plane:], offs)
			winoInput43Go(patch, dst, g.C*nr)
		}
	}

	panels := kpad / mr
	for el := range winoElems {
		ve := v[el*g.C*nr : (el+1)*g.C*nr]
		me := m[el*kpad*nr : (el+1)*kpad*nr]
		for c0 := 0; c0 < g.C; c0 += kern.kc {
			kc := min(kern.kc, g.C-c0)
			for pi := range panels {
				a := u[((el*panels+pi)*g.C+c0)*mr:]
				kern.fn(kc, a, ve[c0*nr:], me[pi*mr*nr:], nr, c0 > 0)
			}
		}
	}

	for k := range blk.k1 - blk.k0 {
		for h := 0; h < nr; h += winoLanes {
			if vec {
				winoOutput43Vec(m[k*nr+h:], kpad*nr, otmp, out[h:], nr)
			} else {
				winoOutput43Go(m[k*nr+h:], kpad*nr, out[h:], nr)
			}
		}
		e.apply(blk.k0+k, out[:16*nr], out[:16*nr])
		tl.scatter(y[(blk.k0+k)*tl.oh*tl.ow:], out, nr, &at, vec)
	}
}

// gather writes the 6×6 patches of 16 tiles, at offsets offs of base (rows
// wp apart), into p[(r·6+col)·16 + lane].
func (tl *winoTiling) gather(p, base []float32, offs *[winoLanes]int32) {
	for l, o := range offs {
		for r := range 6 {
			row := base[int(o)+r*tl.wp : int(o)+r*tl.wp+6]
			for col, v := range row {
				p[(r*6+col)*winoLanes+l] = v
			}
		}
	}
}

// scatter copies one output channel of the job's tiles from
// out[(r·4+col)·nr + lane] into y (seen from that channel's plane of image
// 0), dropping what lies past the map's edge. With vec, whole blocks are
// stored 16 tiles at a time and only the tiles at the map's edge one by one.
func (tl *winoTiling) scatter(y, out []float32, nr int, at *winoLanesAt, vec bool) {
	ow := tl.ow
	for l := range at.n {
		if vec && l%winoLanes == 0 {
			h := l
			full := uint16(0)
			for i := range min(winoLanes, at.n-h) {
				if at.full[h+i] {
					full |= 1 << i
				}
			}
			winoScatter43Vec(out[h:], nr, y, (*[winoLanes]int)(at.out[h:h+winoLanes]), ow, full)
		}
		o := at.out[l]
		if at.full[l] {
			if vec {
				continue
			}
			for r := range 4 {
				row := y[o+r*ow : o+r*ow+4]
				s := out[r*4*nr+l:]
				row[0] = s[0]
				row[1] = s[nr]
				row[2] = s[2*nr]
				row[3] = s[3*nr]
			}
			continue
		}
		oy0, ox0 := o%(tl.oh*ow)/ow, o%ow
		for r := range min(4, tl.oh-oy0) {
			for col := range min(4, ow-ox0) {
				y[o+r*ow+col] = out[(r*4+col)*nr+l]
			}
		}
	}
}

// winoInput43Go writes V = Bᵀ d B for 16 tiles: d is p[(r·6+col)·16 + lane]
// and element (i, j) of V goes to dst[(i·6+j)·stride + lane], with
//
//	Bᵀ = [4  0 −5  0 1 0; 0 −4 −4  1 1 0; 0 4 −4 −1 1 0;
//	      0 −2 −1  2 1 0; 0  2 −1 −2 1 0; 0 4  0 −5 0 1]
func winoInput43Go(p, dst []float32, stride int) {
	for l := range winoLanes {
		var t [36]float32 // Bᵀ d, then (Bᵀ d) B in place
		for col := range 6 {
			var d [6]float32
			for r := range 6 {
				d[r] = p[(r*6+col)*winoLanes+l]
			}
			o := winoIn1D(d)
			for i := range 6 {
				t[i*6+col] = o[i]
			}
		}
		for i := range 6 {
			o := winoIn1D([6]float32(t[i*6 : i*6+6]))
			for j := range 6 {
				dst[(i*6+j)*stride+l] = o[j]
			}
		}
	}
}

// winoIn1D is Bᵀ d for one column, in the order of operations of the
// assembly.
func winoIn1D(d [6]float32) [6]float32 {
	return [6]float32{
		d[4] + 4*d[0] - 5*d[2],
		(d[4] + d[3]) - 4*(d[2]+d[1]),
		(d[4] - d[3]) + 4*(d[1]-d[2]),
		(d[4] - d[2]) + 2*(d[3]-d[1]),
		(d[4] - d[2]) - 2*(d[3]-d[1]),
		d[5] + 4*d[1] - 5*d[3],
	}
}

// winoOutput43Go writes Y = Aᵀ M A for 16 tiles: element (i, j) of M is
// m[(i·6+j)·mstride + lane], element (r, c) of Y goes to
// o[(r·4+c)·ostride + lane], with
//
//	Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
func winoOutput43Go(m []float32, mstride int, o []float32, ostride int) {
	for l := range winoLanes {
		var t [24]float32 // Aᵀ M (4×6)
		for col := range 6 {
			var d [6]float32
			for r := range 6 {
				d[r] = m[(r*6+col)*mstride+l]
			}
			v := winoOut1D(d)
			for i := range 4 {
				t[i*6+col] = v[i]
			}
		}
		for i := range 4 {
			v := winoOut1D([6]float32(t[i*6 : i*6+6]))
			for c := range 4 {
				o[(i*4+c)*ostride+l] = v[c]
			}
		}
	}
}

// winoOut1D is Aᵀ m for one column.
func winoOut1D(m [6]float32) [4]float32 {
	s12, d12, s34, d34 := m[1]+m[2], m[1]-m[2], m[3]+m[4], m[3]-m[4]
	return [4]float32{
		m[0] + s12 + s34,
		d12 + 2*d34,
		s12 + 4*s34,
		(d12 + m[5]) + 8*d34,
	}
}
