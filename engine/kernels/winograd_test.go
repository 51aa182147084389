package kernels

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// winogradTol bounds the error of the Winograd convolution relative to the
// magnitude of its terms (Σ|w·x| of each output, from sums): 2e-5, ten
// times the direct path's 2e-6. F(4,3) rounds in its transforms, whose
// coefficients reach 5 (input), 8 (output) and 1/24 (weights): the error
// analysis of Lavin & Gray and Barabasz et al. bounds it at about 10–20
// float32 epsilons of the terms' magnitude, against 1–2 for a plain dot
// product; measured on winoCases the worst is 6.3e-6.
const winogradTol = 2e-5

// winoCases are Winograd-shaped convolutions (3×3, stride 1): odd sizes,
// maps smaller than a tile, channel counts not a multiple of 16, padding 0,
// 1 and 2, batch 1 and 3, and more tiles than one job takes.
func winoCases() map[string]ConvGeom {
	c := func(n, ch, h, w, oc, pad int) ConvGeom {
		return ConvGeom{N: n, C: ch, H: h, W: w, OutC: oc, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
			PadH: pad, PadW: pad, DilationH: 1, DilationW: 1, Groups: 1}
	}
	return map[string]ConvGeom{
		"b1_c5_9x13":      c(1, 5, 9, 13, 7, 1),
		"b3_c17_11x10":    c(3, 17, 11, 10, 20, 1),
		"b1_c33_3x2":      c(1, 33, 3, 2, 19, 1),
		"b3_c16_8x8_pad0": c(3, 16, 8, 8, 16, 0),
		"b1_c3_6x7_pad2":  c(1, 3, 6, 7, 5, 2),
		"b3_c24_15x17":    c(3, 24, 15, 17, 30, 1),
		"b1_c200_7x7":     c(1, 200, 7, 7, 45, 1), // C deeper than one kc block
		"b3_c20_1x1":      c(3, 20, 1, 1, 9, 1),
		"b3_c20_32x40":    c(3, 20, 32, 40, 18, 1), // 240 tiles: deeper than one kc block
	}
}

// winoVariants are the transform implementations this CPU can run.
func winoVariants() []bool {
	if useWinogradAVX512 {
		return []bool{false, true}
	}
	return []bool{false}
}

func TestWinogradMatchesNaive(t *testing.T) {
	eachFamily(t, func(t *testing.T) {
		if activeKernels.pick(16).nr%winoLanes != 0 {
			t.Fatalf("kernel %s: nr %d is not a multiple of %d lanes", activeKernels[0].name, activeKernels.pick(16).nr, winoLanes)
		}
		rng := rand.New(rand.NewSource(11))
		for label, g := range winoCases() {
			x, w := randSlice(rng, g.XSize()), randSlice(rng, g.WSize())
			want := newSum(g.YSize())
			naiveConv(g, func(yi, wi, xi int) { want.add(yi, w[wi], x[xi]) })
			for _, vec := range winoVariants() {
				y := make([]float32, g.YSize())
				fillNaN(y)
				winogradForward(g, x, w, nil, y, vec)
				checkWino(t, name("%s vec=%v", label, vec), want, y)
				byOne := make([]float32, g.YSize()) // one image a pass: the same bits
				winoForwardBlocks(g, x, w, nil, byOne, winoMaxWeightFloats, 1, vec)
				if !slices.Equal(byOne, y) {
					t.Fatalf("%s vec=%v: image by image differs from the whole batch", label, vec)
				}
			}
		}
	})
}

// checkWino fails when got differs from the reference by more than
// winogradTol of the terms' magnitude plus winogradNormTol of the largest
// magnitude of the whole output: Winograd's rounding error is bounded
// normwise (Barabasz et al., 2020), by the transformed tiles, which mix up
// to 36 inputs, rather than by each output's own 9 terms. An output much
// smaller than its neighbours (a weight gradient of a 3×2 image, summing
// one or two products) can so carry an error set by theirs.
func checkWino(t *testing.T, what string, want sums, got []float32) {
	t.Helper()
	const winogradNormTol = 5e-6 // measured worst over many runs: 2.5e-6 of the largest
	top := slices.Max(want.mag)
	for i, v := range want.val {
		if d := math.Abs(float64(got[i]) - v); !(d <= winogradTol*want.mag[i]+winogradNormTol*top+1e-7) {
			t.Fatalf("%s: element %d = %v, want %v (terms' magnitude %v, largest %v)", what, i, got[i], v, want.mag[i], top)
		}
	}
}

// TestWinogradEpilogue: the fused epilogue equals the Winograd convolution
// followed by batch norm and ReLU6, bit for bit.
func TestWinogradEpilogue(t *testing.T) {
	rng := rand.New(rand.NewSource(12))
	for label, g := range winoCases() {
		x, w := randSlice(rng, g.XSize()), randSlice(rng, g.WSize())
		mean, gamma, beta := randSlice(rng, g.OutC), randSlice(rng, g.OutC), randSlice(rng, g.OutC)
		variance := make([]float32, g.OutC)
		for i := range variance {
			variance[i] = 0.5 + rng.Float32()
		}
		for _, vec := range winoVariants() {
			want := make([]float32, g.YSize())
			winogradForward(g, x, w, nil, want, vec)
			BatchNormForward(g.N, g.OutC, g.OutH()*g.OutW(), want, mean, variance, gamma, beta, 1e-5, want)
			Clamp(want, 0, 6, want)
			e := &Epilogue{Scale: make([]float32, g.OutC), Shift: make([]float32, g.OutC), Clamp: true}
			e.Lo, e.Hi = ReLU(true)
			BatchNormFold(mean, variance, gamma, beta, nil, 1e-5, e.Scale, e.Shift)
			got := make([]float32, g.YSize())
			fillNaN(got)
			winogradForward(g, x, w, e, got, vec)
			if !slices.Equal(got, want) {
				t.Fatalf("%s vec=%v: fused Winograd differs from Winograd, batch norm, ReLU6", label, vec)
			}
		}
	}
}

// TestWinogradTransformsAgree: the vector transforms compute what the Go
// ones do (up to the rounding of fused multiply-adds), lanes past n of a
// masked store untouched.
func TestWinogradTransformsAgree(t *testing.T) {
	if !useWinogradAVX512 {
		t.Log("no AVX-512 on this CPU: only the Go transforms exist, checked by TestWinogradMatchesNaive")
		return
	}
	rng := rand.New(rand.NewSource(13))
	const stride, wp = 21, 29
	base := randSlice(rng, 40*wp)
	var offs [winoLanes]int32
	for l := range offs {
		offs[l] = int32(rng.Intn(30*wp + 20))
	}
	tl := winoTiling{wp: wp}
	p := make([]float32, winoElems*winoLanes)
	goOut, vecOut := make([]float32, winoElems*stride), make([]float32, winoElems*stride)
	tl.gather(p, base, &offs)
	winoInput43Go(p, goOut, stride)
	winoGatherInput43Vec(base, &offs, wp, p, vecOut, stride)
	assertClose(t, "input transform", vecOut, goOut, 1e-6)

	m := randSlice(rng, winoElems*stride)
	goY, vecY := make([]float32, 16*stride), make([]float32, 16*stride)
	winoOutput43Go(m, stride, goY, stride)
	winoOutput43Vec(m, stride, p, vecY, stride)
	assertClose(t, "output transform", vecY, goY, 1e-6)

	for _, n := range []int{16, 9} {
		goG, vecG := make([]float32, winoElems*stride), make([]float32, winoElems*stride)
		fillNaN(goG, vecG)
		winoGrad43Go(base, &offs, wp, goG, stride, n)
		winoGatherGrad43Vec(base, &offs, wp, p, vecG, stride, n)
		assertClose(t, name("gradient transform n=%d", n), vecG, goG, 1e-6)
	}
}

// TestWinogradBackwardData: the input gradient of Winograd-shaped layers
// (through Conv2dBackwardData, wherever it takes the Winograd path) matches
// the naive transposed convolution.
func TestWinogradBackwardData(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	for label, g := range winoCases() {
		w, dy := randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
		want := newSum(g.XSize())
		naiveConv(g, func(yi, wi, xi int) { want.add(xi, w[wi], dy[yi]) })
		dx := make([]float32, g.XSize())
		fillNaN(dx)
		Conv2dBackwardData(g, dy, w, dx)
		checkWino(t, label+" dx", want, dx)
		if g.PadH <= 2 {
			dx2 := make([]float32, g.XSize())
			fillNaN(dx2)
			for _, vec := range winoVariants() {
				winogradBackwardDataForTest(g, dy, w, dx2, vec)
				checkWino(t, name("%s dx vec=%v", label, vec), want, dx2)
			}
		}
	}
}

// winogradBackwardDataForTest runs backwardDataAsConv's computation with
// the Winograd forward forced on.
func winogradBackwardDataForTest(g ConvGeom, dy, w, dx []float32, vec bool) {
	kk := g.KH * g.KW
	wt := make([]float32, g.WSize())
	for o := range g.OutC {
		for c := range g.C {
			for q := range kk {
				wt[(c*g.OutC+o)*kk+kk-1-q] = w[(o*g.C+c)*kk+q]
			}
		}
	}
	winogradForward(g.transposed(), dy, wt, nil, dx, vec)
}

// TestWinogradBackwardWeights: the weight gradient by Winograd matches the
// naive sum over the batch, with both transform implementations.
func TestWinogradBackwardWeights(t *testing.T) {
	eachFamily(t, func(t *testing.T) {
		rng := rand.New(rand.NewSource(15))
		for label, g := range winoCases() {
			x, dy := randSlice(rng, g.XSize()), randSlice(rng, g.YSize())
			want := newSum(g.WSize())
			naiveConv(g, func(yi, wi, xi int) { want.add(wi, x[xi], dy[yi]) })
			for _, vec := range winoVariants() {
				dw := make([]float32, g.WSize())
				fillNaN(dw)
				winogradBackwardWeights(g, x, dy, dw, vec)
				checkWino(t, name("%s dw vec=%v", label, vec), want, dw)
				fillNaN(dw) // chunks of 16 tiles: sums carried across chunks
				winoBackwardWeightsChunked(g, x, dy, dw, 16, vec)
				checkWino(t, name("%s dw chunked vec=%v", label, vec), want, dw)
				fillNaN(dw) // image by image: sums carried across passes
				winoBackwardWeightsPasses(g, x, dy, dw, 16, 1, vec)
				checkWino(t, name("%s dw image by image vec=%v", label, vec), want, dw)
			}
		}
	})
}

// TestWinogradWeightsLayout checks the transformed weights, 8 filters a
// vector where the CPU has them, against winoFilter one filter at a time,
// bit for bit: both panel heights, OutC not a multiple of the panel height
// (zero rows) and C not a multiple of the 16-channel blocks.
func TestWinogradWeightsLayout(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, mr := range []int{8, 14} {
		for _, sz := range [][2]int{{37, 20}, {16, 33}, {5, 3}} {
			outC, c := sz[0], sz[1]
			g := ConvGeom{N: 1, C: c, H: 8, W: 8, OutC: outC, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
				PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1}
			w := randSlice(rng, g.WSize())
			kpad := roundUp(outC, mr)
			u := make([]float32, winoElems*kpad*c)
			fillNaN(u)
			winoWeights(g, w, outC, u, mr, kpad)
			panels := kpad / mr
			var one [winoElems]float32
			for k := range kpad {
				for ch := range c {
					clear(one[:])
					if k < outC {
						winoFilter(w[(k*c+ch)*9:], one[:], 1)
					}
					for e := range winoElems {
						got := u[((e*panels+k/mr)*c+ch)*mr+k%mr]
						// Rows past OutC only need to be zero (the vector one may be −0).
						if k < outC && math.Float32bits(got) != math.Float32bits(one[e]) || k >= outC && got != 0 {
							t.Fatalf("mr %d, %d×%d: filter (%d, %d) element %d = %v, want %v", mr, outC, c, k, ch, e, got, one[e])
						}
					}
				}
			}
		}
	}
}

// TestWinogradOutputBlocks: with the transformed weights held a few panels
// at a time (blocks of output channels, the last one short) and one image
// a pass (the input padded again for every block), the forward with its
// epilogue writes exactly what it writes in one block and one pass.
func TestWinogradOutputBlocks(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	for label, g := range winoCases() {
		x, w := randSlice(rng, g.XSize()), randSlice(rng, g.WSize())
		e := &Epilogue{Scale: randSlice(rng, g.OutC), Shift: randSlice(rng, g.OutC), Clamp: true}
		e.Lo, e.Hi = ReLU(false)
		for _, vec := range winoVariants() {
			want := make([]float32, g.YSize())
			winoForwardBlocks(g, x, w, e, want, math.MaxInt32, g.N, vec)
			for _, rows := range []int{1, 2, 3} { // filters' worth of weights per block
				got := make([]float32, g.YSize())
				fillNaN(got)
				winoForwardBlocks(g, x, w, e, got, rows*winoElems*g.C, 1, vec)
				if !slices.Equal(got, want) {
					t.Fatalf("%s vec=%v, blocks of %d rows: differs from one block", label, vec, rows)
				}
			}
		}
	}
}
