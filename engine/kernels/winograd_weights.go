package kernels

// The weight gradient of a Winograd-shaped layer, by the same F(4×4, 3×3)
// transforms. Y_t = Aᵀ[(G g Gᵀ) ⊙ V_t]A is linear in g, so its adjoint is
//
//	∂L/∂g = Gᵀ [Σ_t (A dY_t Aᵀ) ⊙ V_t] G,   V_t = Bᵀ d_t B
//
// with t over every tile of every image: 36 GEMMs M_e (OutC × C) = DY_e ·
// Vᵀ_e whose depth is the tile count, then one 6×6 → 3×3 transform per
// filter. Tiles go in chunks sized to keep both transformed operands in a
// few megabytes; each chunk's transforms run in parallel (one channel per
// vector lane: filters fill the A panels, input channels the B panels, 16
// at a time, the costlier 6×6 gathers with no lane wasted), then its GEMMs,
// each job owning blocks of M, so every sum runs in an order fixed by the
// shapes alone.

// winoChunkFloats bounds the transformed operands of one chunk of tiles.
const winoChunkFloats = 2 << 20

// winogradBackwardWeights computes dw (OutC, C, 3, 3), overwritten, for a
// geometry winogradApplies accepts (vec false runs the Go transforms).
func winogradBackwardWeights(g ConvGeom, x, dy, dw []float32, vec bool) {
	tl := newWinoTiling(g)
	kern := activeKernels.pick(g.OutC) // A lines are filters, B lines input channels
	kpad, cpad := roundUp(g.OutC, kern.mr), roundUp(g.C, kern.nr)
	chunk := max(16, min(tl.tiles, winoChunkFloats/(winoElems*(cpad+kpad))))
	winoBackwardWeightsChunked(g, x, dy, dw, chunk, vec)
}

// winoBackwardWeightsChunked is winogradBackwardWeights with chunks of
// chunk tiles (tests force several).
func winoBackwardWeightsChunked(g ConvGeom, x, dy, dw []float32, chunk int, vec bool) {
	whole := newWinoTiling(g)
	perImage := (whole.paddedFloats() + g.N*g.OutC*16*whole.th*whole.tw) / g.N // xp and dyp
	winoBackwardWeightsPasses(g, x, dy, dw, chunk, winoPassImages(g, perImage), vec)
}

// winoBackwardWeightsPasses is winoBackwardWeightsChunked padding perPass
// images at a time: the chunks of tiles restart at each pass, every sum
// still in an order fixed by the shapes alone.
func winoBackwardWeightsPasses(g ConvGeom, x, dy, dw []float32, chunk, perPass int, vec bool) {
	kern := activeKernels.pick(g.OutC)
	mr, nr := kern.mr, kern.nr
	kpad, cpad := roundUp(g.OutC, mr), roundUp(g.C, nr)
	kp, cp := kpad/mr, cpad/nr

	first := g
	first.N = perPass
	ftl := newWinoTiling(first)
	sizes := [5]int{
		ftl.paddedFloats(),                      // xp
		first.N * g.OutC * 16 * ftl.th * ftl.tw, // dyp
		winoElems * kpad * chunk,                // a: [36][kp][chunk][mr]
		winoElems * cpad * chunk,                // b: [36][cp][chunk][nr]
		winoElems * kpad * cpad,                 // m: [36][kpad][cpad]
	}
	total := sizes[0] + sizes[1] + sizes[2] + sizes[3] + sizes[4]
	buf := packPool.get(total) // one buffer for all five
	defer packPool.put(buf)
	mem := grow(buf, total)
	var parts [5][]float32
	for i, n := range sizes {
		parts[i], mem = mem[:n], mem[n:]
	}
	xp, dyp, a, b, m := parts[0], parts[1], parts[2], parts[3], parts[4]
	xs, ys := g.XSize()/g.N, g.YSize()/g.N
	for n0 := 0; n0 < g.N; n0 += perPass {
		pass := g
		pass.N = min(perPass, g.N-n0)
		tl := newWinoTiling(pass)
		tl.pad(x[n0*xs:(n0+pass.N)*xs], xp)
		tl.padGrad(dy[n0*ys:(n0+pass.N)*ys], dyp)
		for t0 := 0; t0 < tl.tiles; t0 += chunk {
			nt := min(chunk, tl.tiles-t0)
			const perJob = 4
			forEachJob(ceilDiv(nt, perJob), func(ws *gemmScratch, j int) {
				tmp := grow(&ws.row, winoElems*winoLanes)
				for i := j * perJob; i < min(nt, (j+1)*perJob); i++ {
					tl.gradTransforms(tmp, xp, dyp, a, b, t0+i, i, chunk, mr, nr, vec)
				}
			})
			accumulate := n0 > 0 || t0 > 0
			forEachJob(winoElems*kp, func(_ *gemmScratch, j int) {
				el, pi := j/kp, j%kp
				ap := a[(el*kp+pi)*chunk*mr:]
				for pj := range cp {
					bp := b[(el*cp+pj)*chunk*nr:]
					c := m[el*kpad*cpad+pi*mr*cpad+pj*nr:]
					for d0 := 0; d0 < nt; d0 += kern.kc {
						kc := min(kern.kc, nt-d0)
						kern.fn(kc, ap[d0*mr:], bp[d0*nr:], c, cpad, accumulate || d0 > 0)
					}
				}
			})
		}
	}
	winoWeightGrads(g, m, kpad, cpad, dw)
}

// padGrad copies dy into dyp, (N, OutC, 4·th, 4·tw) planes with zeros past
// the map, so every tile reads a whole 4×4 block.
func (tl *winoTiling) padGrad(dy, dyp []float32) {
	h4, w4 := 4*tl.th, 4*tl.tw
	parallelFor(tl.g.N*tl.g.OutC, func(pl int) {
		src := dy[pl*tl.oh*tl.ow : (pl+1)*tl.oh*tl.ow]
		dst := dyp[pl*h4*w4 : (pl+1)*h4*w4]
		for r := range h4 {
			row := dst[r*w4 : (r+1)*w4]
			if r >= tl.oh {
				clear(row)
				continue
			}
			copy(row, src[r*tl.ow:(r+1)*tl.ow])
			clear(row[tl.ow:])
		}
	})
}

// gradTransforms writes tile t's transformed output gradient (all filters,
// into the A panels at depth i) and transformed input (all channels, into
// the B panels at depth i).
func (tl *winoTiling) gradTransforms(tmp, xp, dyp, a, b []float32, t, i, chunk, mr, nr int, vec bool) {
	g := tl.g
	img, q := t/(tl.th*tl.tw), t%(tl.th*tl.tw)
	ty, tx := q/tl.tw, q%tl.tw
	kp, cp := roundUp(g.OutC, mr)/mr, roundUp(g.C, nr)/nr
	var offs [winoLanes]int32
	h4, w4 := 4*tl.th, 4*tl.tw
	dy0 := img*g.OutC*h4*w4 + 4*ty*w4 + 4*tx
	for k0 := 0; k0 < g.OutC; k0 += mr {
		n := min(mr, g.OutC-k0)
		for l := range offs {
			offs[l] = int32(dy0 + (k0+min(l, n-1))*h4*w4)
		}
		dst := a[(k0/mr*chunk+i)*mr:]
		if vec {
			winoGatherGrad43Vec(dyp, &offs, w4, tmp, dst, kp*chunk*mr, n)
			continue
		}
		winoGrad43Go(dyp, &offs, w4, dst, kp*chunk*mr, n)
	}
	band := tl.bandFloats()
	in0 := (img*tl.th+ty)*g.C*band + 4*tx
	for c0 := 0; c0 < g.C; c0 += winoLanes {
		n := min(winoLanes, g.C-c0)
		for l := range offs {
			offs[l] = int32(in0 + (c0+min(l, n-1))*band)
		}
		dst := b[(c0/nr*chunk+i)*nr+c0%nr:]
		if vec {
			winoGatherInput43Vec(xp, &offs, tl.wp, tmp, dst, cp*chunk*nr)
			continue
		}
		tl.gather(tmp, xp, &offs)
		winoInput43Go(tmp, dst, cp*chunk*nr)
	}
}

// winoGrad43Go writes A dy Aᵀ for the 4×4 blocks at offsets offs of base
// (rows w4 apart), element (i, j) to dst[(i·6+j)·stride + lane], lanes
// below n, with
//
//	A = (Aᵀ)ᵀ, Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
func winoGrad43Go(base []float32, offs *[winoLanes]int32, w4 int, dst []float32, stride, n int) {
	for l, o := range offs[:n] {
		var t [24]float32 // A dy (6×4)
		for col := range 4 {
			var y [4]float32
			for r := range 4 {
				y[r] = base[int(o)+r*w4+col]
			}
			v := winoGrad1D(y)
			for i := range 6 {
				t[i*4+col] = v[i]
			}
		}
		for i := range 6 {
			v := winoGrad1D([4]float32(t[i*4 : i*4+4]))
			for j := range 6 {
				dst[(i*6+j)*stride+l] = v[j]
			}
		}
	}
}

// winoGrad1D is A·y for one column, in the order of operations of the
// assembly.
func winoGrad1D(y [4]float32) [6]float32 {
	s02, s13 := y[0]+y[2], y[1]+y[3]
	t02, t13 := y[0]+4*y[2], 2*(y[1]+4*y[3])
	return [6]float32{y[0], s02 + s13, s02 - s13, t02 + t13, t02 - t13, y[3]}
}

// winoWeightGrads writes dw[k][c] = Gᵀ M[k][c] G (3×3 from 6×6) for every
// filter, M_e at m[e·kpad·cpad + k·cpad + c], in float64 rounded once.
// Channels go 16 at a time so each of the 36 reads takes a cache line.
func winoWeightGrads(g ConvGeom, m []float32, kpad, cpad int, dw []float32) {
	parallelFor(g.OutC, func(k int) {
		var blk [winoElems][16]float32
		for c0 := 0; c0 < g.C; c0 += 16 {
			n := min(16, g.C-c0)
			for e := range winoElems {
				o := e*kpad*cpad + k*cpad + c0
				copy(blk[e][:n], m[o:o+n])
			}
			for l := range n {
				var rows [6][3]float64 // M G
				for a := range 6 {
					rows[a] = winoGT1D(float64(blk[a*6][l]), float64(blk[a*6+1][l]), float64(blk[a*6+2][l]),
						float64(blk[a*6+3][l]), float64(blk[a*6+4][l]), float64(blk[a*6+5][l]))
				}
				d := dw[(k*g.C+c0+l)*9 : (k*g.C+c0+l)*9+9]
				for j := range 3 {
					col := winoGT1D(rows[0][j], rows[1][j], rows[2][j], rows[3][j], rows[4][j], rows[5][j])
					d[j], d[3+j], d[6+j] = float32(col[0]), float32(col[1]), float32(col[2])
				}
			}
		}
	})
}

// winoGT1D is Gᵀ·(m0, …, m5).
func winoGT1D(m0, m1, m2, m3, m4, m5 float64) [3]float64 {
	const sixth, twelfth, twentyFourth = 1.0 / 6, 1.0 / 12, 1.0 / 24
	s12, d12 := (m1+m2)*sixth, (m2-m1)*sixth
	s34, d34 := m3+m4, m3-m4
	return [3]float64{m0*0.25 - s12 + s34*twentyFourth, d12 + d34*twelfth, s34*sixth - s12 + m5}
}
