package kernels

import (
	"math"
	"math/rand"
	"runtime"
	"slices"
	"testing"
)

// The fast paths are checked against the naive references over awkward
// shapes once per kernel family this CPU runs (AVX-512, AVX+FMA, portable
// Go), with the vector loops on and off.

// eachFamily runs f with every available kernel family active in turn.
func eachFamily(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, fam := range availableFamilies() {
		t.Run(fam[0].name, func(t *testing.T) {
			old, oldAVX, oldDW := activeKernels, useAVX, useDepthwiseAVX
			defer func() { activeKernels, useAVX, useDepthwiseAVX = old, oldAVX, oldDW }()
			activeKernels = fam
			if fam[0].ind == nil { // the portable family runs no assembly at all
				useAVX, useDepthwiseAVX = false, false
			}
			f(t)
		})
	}
}

func TestSelectKernels(t *testing.T) {
	if got := selectKernels("go"); got[0].name != portableKernel.name {
		t.Errorf(`selectKernels("go") = %s`, got[0].name)
	}
	best := selectKernels("")
	if fams := availableFamilies(); best[0].name != fams[0][0].name {
		t.Errorf("default family %s, fastest available %s", best[0].name, fams[0][0].name)
	}
	if got := selectKernels("no-such-isa"); got[0].name != portableKernel.name {
		t.Errorf("unknown request chose %s, want the portable kernel", got[0].name)
	}
	t.Logf("kernel families here: %d, default %s", len(availableFamilies()), KernelName())
}

// TestMicroKernelsMatchNaive checks each micro-kernel on its own: every
// depth from 1 to past its block, overwrite and accumulate, a leading
// dimension wider than the tile (the columns beyond must stay untouched).
func TestMicroKernelsMatchNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, fam := range availableFamilies() {
		for _, k := range fam {
			for _, kc := range []int{1, 2, 3, 4, 5, 7, 17, k.kc - 1, k.kc} {
				for _, acc := range []bool{false, true} {
					ap, bp := randSlice(rng, kc*k.mr), randSlice(rng, kc*k.nr)
					ldc := k.nr + 3
					c := randSlice(rng, k.mr*ldc)
					want := slices.Clone(c)
					for i := range k.mr {
						for j := range k.nr {
							var s float64
							for q := range kc {
								s += float64(ap[q*k.mr+i]) * float64(bp[q*k.nr+j])
							}
							if acc {
								s += float64(want[i*ldc+j])
							}
							want[i*ldc+j] = float32(s)
						}
					}
					k.fn(kc, ap, bp, c, ldc, acc)
					assertClose(t, name("%s kc=%d acc=%v", k.name, kc, acc), c, want, 1e-5*math.Sqrt(float64(kc)))
					if k.ind == nil {
						continue
					}
					// The indirect variant reads the same rows scattered
					// through a buffer at arbitrary offsets.
					buf := randSlice(rng, kc*(k.nr+5)+11)
					offs := make([]int, kc)
					maxOff := 0
					for q := range offs {
						o := (q*(k.nr+5) + q%3) * 4
						offs[q] = o
						maxOff = max(maxOff, o)
						copy(buf[o/4:o/4+k.nr], bp[q*k.nr:(q+1)*k.nr])
					}
					c2 := slices.Clone(c)
					k.fn(kc, ap, bp, c, ldc, acc)
					k.ind(kc, ap, buf, offs, maxOff, c2, ldc, acc)
					assertClose(t, name("%s indirect kc=%d", k.name, kc), c2, c, 0)
				}
			}
		}
	}
}

func TestGemmFamiliesMatchNaive(t *testing.T) {
	shapes := []struct{ m, n, k int }{
		{1, 1, 1}, {1, 33, 5}, {15, 1, 3}, {3, 5, 0}, {13, 31, 193}, {16, 64, 9}, {29, 97, 450},
		{65, 33, 19}, {67, 515, 300}, {130, 70, 257},
	}
	eachFamily(t, func(t *testing.T) {
		rng := rand.New(rand.NewSource(1))
		for _, s := range shapes {
			for _, tr := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				checkGemmCase(t, rng, tr[0], tr[1], s.m, s.n, s.k, 1.5, 0.5)
				checkGemmCase(t, rng, tr[0], tr[1], s.m, s.n, s.k, 1, 0)
			}
		}
	})
}

// fastConvCases add, to convCases, geometries that take each fast path: the
// indirect (padded, unpacked) stride-1 path, 1×1 layers with long rows, the
// deinterleaved stride-2 path with odd widths, backward data as a forward
// convolution, chunked weight gradients, and the vector depthwise loop with
// and without padding.
func fastConvCases() map[string]ConvGeom {
	c := func(n, ch, h, w, oc, k, s, p int) ConvGeom {
		return ConvGeom{N: n, C: ch, H: h, W: w, OutC: oc, KH: k, KW: k, StrideH: s, StrideW: s,
			PadH: p, PadW: p, DilationH: 1, DilationW: 1, Groups: 1}
	}
	dw := func(n, ch, h, w, s, p int) ConvGeom {
		g := c(n, ch, h, w, ch, 3, s, p)
		g.Groups = ch
		return g
	}
	cases := convCases()
	for k, v := range map[string]ConvGeom{
		"indirect_3x3_wide":   c(3, 5, 7, 62, 17, 3, 1, 1),
		"indirect_3x3_nopad":  c(2, 4, 6, 65, 9, 3, 1, 0),
		"indirect_5x5_pad2":   c(2, 3, 5, 61, 6, 5, 1, 2),
		"indirect_1x1_long":   c(3, 7, 4, 64, 15, 1, 1, 0),
		"packed_3x3_narrow":   c(3, 6, 5, 4, 20, 3, 1, 1),
		"split_s2_odd":        c(2, 5, 9, 13, 7, 3, 2, 1),
		"split_7x7_s2":        c(2, 3, 15, 17, 10, 7, 2, 3),
		"split_1x1_s2":        c(3, 8, 7, 9, 16, 1, 2, 0),
		"chunked_weights_b7":  c(7, 3, 6, 6, 4, 3, 1, 1),
		"dot_weights_3x3":     c(3, 5, 20, 30, 13, 3, 1, 1),
		"indirect_s2_3x3":     c(2, 4, 9, 60, 10, 3, 2, 1),
		"indirect_s2_7x7":     c(2, 3, 12, 65, 8, 7, 2, 3),
		"indirect_s2_1x1":     c(2, 6, 8, 64, 12, 1, 2, 0),
		"dot_weights_s2":      c(2, 3, 40, 62, 8, 3, 2, 1),
		"dot_weights_s2_7x7":  c(2, 3, 51, 64, 5, 7, 2, 3),
		"dot_weights_1x1":     c(2, 9, 24, 24, 7, 1, 1, 0),
		"dot_weights_1x1_odd": c(3, 6, 27, 27, 5, 1, 1, 0), // last image copied
		"indirect_1x1_odd":    c(3, 5, 13, 13, 7, 1, 1, 0),
		"dot_weights_5x5":     c(2, 3, 22, 29, 8, 5, 1, 2),
		"many_filters":        c(2, 6, 5, 40, 70, 3, 1, 1),
		"depthwise_s1_pad1":   dw(2, 5, 9, 11, 1, 1),
		"depthwise_s2_pad1":   dw(2, 4, 10, 13, 2, 1),
		"depthwise_s1_nopad":  dw(1, 3, 7, 9, 1, 0),
		"depthwise_s2_nopad":  dw(2, 3, 9, 8, 2, 0),
		"depthwise_s2_wide":   dw(1, 2, 5, 37, 2, 1),
		"depthwise_single_px": dw(3, 2, 1, 1, 1, 1),
	} {
		cases[k] = v
	}
	return cases
}

func TestConvFamiliesMatchNaive(t *testing.T) {
	eachFamily(t, func(t *testing.T) {
		rng := rand.New(rand.NewSource(4))
		for label, g := range fastConvCases() {
			if err := g.Validate(); err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			x, w, dy := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
			wantY, wantDX, wantDW := newSum(g.YSize()), newSum(g.XSize()), newSum(g.WSize())
			naiveConv(g, func(yi, wi, xi int) {
				wantY.add(yi, w[wi], x[xi])
				wantDX.add(xi, w[wi], dy[yi])
				wantDW.add(wi, x[xi], dy[yi])
			})
			y, dx, dw := make([]float32, g.YSize()), make([]float32, g.XSize()), make([]float32, g.WSize())
			fillNaN(y, dx, dw)
			Conv2d(g, x, w, y)
			Conv2dBackwardData(g, dy, w, dx)
			Conv2dBackwardWeights(g, x, dy, dw)
			wantY.check(t, label+" y", y)
			wantDX.check(t, label+" dx", dx)
			wantDW.check(t, label+" dw", dw)
		}
	})
}

// TestConvEpilogueEqualsSeparateLayers: conv with a folded eval-mode batch
// norm and ReLU6 equals conv, BatchNormForward and Clamp bit for bit, on
// every path (indirect, packed, pointwise, depthwise).
func TestConvEpilogueEqualsSeparateLayers(t *testing.T) {
	eachFamily(t, func(t *testing.T) {
		rng := rand.New(rand.NewSource(5))
		for label, g := range fastConvCases() {
			x, w := randSlice(rng, g.XSize()), randSlice(rng, g.WSize())
			mean, gamma, beta := randSlice(rng, g.OutC), randSlice(rng, g.OutC), randSlice(rng, g.OutC)
			variance := make([]float32, g.OutC)
			for i := range variance {
				variance[i] = 0.5 + rng.Float32()
			}
			want := make([]float32, g.YSize())
			Conv2d(g, x, w, want)
			hw := g.OutH() * g.OutW()
			BatchNormForward(g.N, g.OutC, hw, want, mean, variance, gamma, beta, 1e-5, want)
			Clamp(want, 0, 6, want)

			e := &Epilogue{Scale: make([]float32, g.OutC), Shift: make([]float32, g.OutC), Clamp: true}
			e.Lo, e.Hi = ReLU(true)
			BatchNormFold(mean, variance, gamma, beta, nil, 1e-5, e.Scale, e.Shift)
			got := make([]float32, g.YSize())
			fillNaN(got)
			Conv2dFused(g, x, w, e, got)
			if !slices.Equal(got, want) {
				t.Fatalf("%s: fused conv differs from conv, batch norm, ReLU6", label)
			}
		}
	})
}

// TestConvDeterministicAcrossWorkers: forward and both gradients give the
// same bits whatever GOMAXPROCS is (tilings change, sums must not).
func TestConvDeterministicAcrossWorkers(t *testing.T) {
	for _, label := range []string{"indirect_3x3_wide", "split_7x7_s2", "chunked_weights_b7", "many_filters", "depthwise_s2_pad1", "dot_weights_3x3", "dot_weights_s2", "indirect_s2_7x7"} {
		g := fastConvCases()[label]
		rng := rand.New(rand.NewSource(9))
		x, w, dy := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
		var ref [][]float32
		for _, procs := range []int{1, 2, 3, 7} {
			old := runtime.GOMAXPROCS(procs)
			y, dx, dw := make([]float32, g.YSize()), make([]float32, g.XSize()), make([]float32, g.WSize())
			Conv2d(g, x, w, y)
			Conv2dBackwardData(g, dy, w, dx)
			Conv2dBackwardWeights(g, x, dy, dw)
			runtime.GOMAXPROCS(old)
			got := [][]float32{y, dx, dw}
			if ref == nil {
				ref = got
				continue
			}
			for i := range got {
				if !slices.Equal(got[i], ref[i]) {
					t.Fatalf("%s: output %d differs between GOMAXPROCS 1 and %d", label, i, procs)
				}
			}
		}
	}
}

// TestVectorLoopsMatchScalar compares the vector loops with their scalar
// definitions on every length up to 40, with NaN, ±0 and ±Inf among the
// values.
func TestVectorLoopsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	special := []float32{float32(math.NaN()), 0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1)), 6, 7}
	for n := range 41 {
		x, b := randSlice(rng, n), randSlice(rng, n)
		for i := range x {
			if rng.Intn(4) == 0 {
				x[i] = special[rng.Intn(len(special))]
			}
			x[i] *= 8
		}
		for _, c := range []struct {
			affine        bool
			s, sh, lo, hi float32
		}{{true, 1.5, -0.25, 0, 6}, {false, 1, 0, 0, posInf}, {true, -2, 1, negInf, posInf}} {
			got, want := make([]float32, n), make([]float32, n)
			affineClamp(x, got, c.affine, c.s, c.sh, c.lo, c.hi)
			for i, v := range x {
				if c.affine {
					v = v*c.s + c.sh
				}
				if c.lo > v {
					v = c.lo
				}
				if c.hi < v {
					v = c.hi
				}
				want[i] = v
			}
			assertBits(t, name("affineClamp n=%d %+v", n, c), got, want)
		}
		got, want := make([]float32, n), make([]float32, n)
		addClamp(x, b, got, 0, 6)
		for i := range x {
			v := x[i] + b[i]
			if 0 > v {
				v = 0
			}
			if 6 < v {
				v = 6
			}
			want[i] = v
		}
		assertBits(t, name("addClamp n=%d", n), got, want)
		clampMask(x, b, got, 0, 6)
		for i, v := range x {
			if v <= 0 || v >= 6 {
				want[i] = 0
			} else {
				want[i] = b[i]
			}
		}
		assertBits(t, name("clampMask n=%d", n), got, want)
		maxNaN(got, x, b) // Go's max, up to the sign of zero
		for i := range x {
			if m := max(x[i], b[i]); got[i] != m && !(m != m && got[i] != got[i]) {
				t.Fatalf("maxNaN n=%d: element %d = %v, want %v", n, i, got[i], m)
			}
		}

		// Batch-norm passes: dx bit for bit, the float64 sums closely.
		xs, ds := randSlice(rng, n), randSlice(rng, n)
		v := vecBNBackward(xs, ds, got, 1.5, -0.75, 0.25, 0.125)
		for i := range xs {
			want[i] = 1.5*ds[i] + -0.75*(xs[i]-0.25) + 0.125
		}
		assertBits(t, name("bnBackward n=%d", n), got[:v], want[:v])
		var s, sq, sd, sdx float64
		for i := range xs {
			s += float64(xs[i])
			sq += (float64(xs[i]) - 0.5) * (float64(xs[i]) - 0.5)
			sd += float64(ds[i])
			sdx += float64(ds[i]) * (float64(xs[i]) - 0.5)
		}
		gs, gsq := sums64(xs, 0.5)
		for _, c := range []struct {
			what      string
			got, want float64
		}{{"sum", sum64(xs), s}, {"sums sum", gs, s}, {"sums sumSq", gsq, sq}} {
			if math.Abs(c.got-c.want) > 1e-12*(1+math.Abs(c.want)) {
				t.Fatalf("%s n=%d: %v, want %v", c.what, n, c.got, c.want)
			}
		}
		if gd, gdx := sumDyXc64(xs, ds, 0.5); math.Abs(gd-sd) > 1e-12*(1+math.Abs(sd)) || math.Abs(gdx-sdx) > 1e-12*(1+math.Abs(sdx)) {
			t.Fatalf("sumDyXc64 n=%d: %v %v, want %v %v", n, gd, gdx, sd, sdx)
		}
	}
}

// assertBits requires identical bits (NaNs compare equal to NaNs).
func assertBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
			t.Fatalf("%s: element %d = %v, want %v", what, i, got[i], want[i])
		}
	}
}

// TestMaxPoolWithoutArgmax: the value-only path (inference) gives the same
// maxima as the argmax path, NaN included, and the argmax is PyTorch's: the
// first maximum in row-major window order, or the last NaN.
func TestMaxPoolWithoutArgmax(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for label, g := range poolCases() {
		x := randSlice(rng, g.XSize())
		for i := range x {
			switch rng.Intn(10) {
			case 0:
				x[i] = float32(math.NaN())
			case 1:
				x[i] = 0.5 // ties
			}
		}
		y1, y2 := make([]float32, g.YSize()), make([]float32, g.YSize())
		idx := make([]int32, g.YSize())
		MaxPool2d(g, x, y1, nil)
		MaxPool2d(g, x, y2, idx)
		assertBits(t, label, y1, y2)
		hw, oh, ow := g.H*g.W, g.OutH(), g.OutW()
		for nc := range g.N * g.C {
			for r := range oh {
				for s := range ow {
					h0, h1, w0, w1 := g.window(r, s)
					best, at := float32(math.Inf(-1)), h0*g.W+w0
					for h := h0; h < h1; h++ {
						for w := w0; w < w1; w++ {
							if v := x[nc*hw+h*g.W+w]; v > best || v != v {
								best, at = v, h*g.W+w
							}
						}
					}
					if o := (nc*oh+r)*ow + s; int(idx[o]) != at {
						t.Fatalf("%s: output %d: argmax %d, PyTorch's rule gives %d", label, o, idx[o], at)
					}
				}
			}
		}
	}
}
