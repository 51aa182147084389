package kernels

import (
	"math/rand"
	"testing"
)

// at returns x[n, c, h, w] of an (N, C, H, W) tensor, or 0 outside the image
// (zero padding), and whether the position was inside.
func at(x []float32, c, h, w, n, ci, hi, wi int) (float32, bool) {
	if hi < 0 || hi >= h || wi < 0 || wi >= w {
		return 0, false
	}
	return x[((n*c+ci)*h+hi)*w+wi], true
}

// naiveConv visits every (output element, kernel tap) pair of the definition
// of a grouped, strided, dilated, padded convolution and calls f with the
// flat indices of the output, the weight and the input pixel.
func naiveConv(g ConvGeom, f func(yi, wi, xi int)) {
	oh, ow := g.OutH(), g.OutW()
	cin, cout := g.InGroup(), g.OutGroup()
	for n := range g.N {
		for oc := range g.OutC {
			grp := oc / cout
			for r := range oh {
				for s := range ow {
					yi := ((n*g.OutC+oc)*oh+r)*ow + s
					for ic := range cin {
						c := grp*cin + ic
						for i := range g.KH {
							for j := range g.KW {
								h := r*g.StrideH - g.PadH + i*g.DilationH
								w := s*g.StrideW - g.PadW + j*g.DilationW
								if h < 0 || h >= g.H || w < 0 || w >= g.W {
									continue
								}
								wi := ((oc*cin+ic)*g.KH+i)*g.KW + j
								f(yi, wi, ((n*g.C+c)*g.H+h)*g.W+w)
							}
						}
					}
				}
			}
		}
	}
}

// convCases are the awkward geometries: odd and non-square sizes, 1×1 kernels
// with and without stride, stride 2 with padding, dilation, grouped and
// depthwise (with stride 1 and 2, as in MobileNetV2), batch 1 and 5.
func convCases() map[string]ConvGeom {
	base := func(n, c, h, w, oc, kh, kw, s, p, d, grp int) ConvGeom {
		return ConvGeom{N: n, C: c, H: h, W: w, OutC: oc, KH: kh, KW: kw,
			StrideH: s, StrideW: s, PadH: p, PadW: p, DilationH: d, DilationW: d, Groups: grp}
	}
	chunked := base(2, 3, 9, 13, 5, 3, 3, 1, 1, 1, 1)
	chunked.tileCols = 20 // tiles of 32 positions: they end mid-row and straddle images
	asym := base(2, 3, 9, 6, 4, 3, 2, 1, 0, 1, 1)
	asym.StrideH, asym.PadW, asym.DilationW = 2, 1, 2
	return map[string]ConvGeom{
		"3x3_pad1_b1":          base(1, 3, 7, 5, 4, 3, 3, 1, 1, 1, 1),
		"3x3_s2_pad1_b5":       base(5, 4, 9, 8, 6, 3, 3, 2, 1, 1, 1),
		"7x7_s2_pad3":          base(2, 3, 13, 11, 5, 7, 7, 2, 3, 1, 1),
		"1x1":                  base(5, 6, 5, 3, 7, 1, 1, 1, 0, 1, 1),
		"1x1_s2":               base(2, 6, 7, 5, 3, 1, 1, 2, 0, 1, 1),
		"1x1_pad1":             base(1, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1),
		"dilation2":            base(2, 3, 9, 10, 2, 3, 3, 1, 2, 2, 1),
		"groups2":              base(2, 4, 6, 7, 6, 3, 3, 1, 1, 1, 2),
		"depthwise_s1":         base(5, 5, 7, 6, 5, 3, 3, 1, 1, 1, 5),
		"depthwise_s2":         base(1, 4, 9, 8, 4, 3, 3, 2, 1, 1, 4),
		"depthwise_s1_pad0":    base(2, 4, 7, 6, 4, 3, 3, 1, 0, 1, 4),
		"depthwise_s1_wide":    base(3, 6, 5, 37, 6, 3, 3, 1, 1, 1, 6),
		"depthwise_1x1_image":  base(2, 8, 1, 1, 8, 3, 3, 1, 1, 1, 8),
		"depthwise_2x2_image":  base(2, 8, 2, 2, 8, 3, 3, 1, 1, 1, 8),
		"depthwise_4x4_image":  base(2, 8, 4, 4, 8, 3, 3, 1, 1, 1, 8),
		"depthwise_dil2_5x5":   base(2, 3, 11, 9, 3, 5, 5, 2, 3, 2, 3),
		"depthwise_multiplier": base(2, 3, 6, 5, 6, 3, 3, 1, 1, 1, 3),
		"asymmetric":           asym,
		"im2col_chunks":        chunked,
		"kernel_eq_input":      base(2, 3, 4, 5, 2, 4, 5, 1, 0, 1, 1),
		"wide_gemm_tiles":      base(1, 20, 9, 80, 70, 3, 3, 1, 1, 1, 1),
	}
}

func TestConv2dMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for label, g := range convCases() {
		t.Run(label, func(t *testing.T) {
			if err := g.Validate(); err != nil {
				t.Fatal(err)
			}
			x, w, dy := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
			wantY, wantDX, wantDW := newSum(g.YSize()), newSum(g.XSize()), newSum(g.WSize())
			naiveConv(g, func(yi, wi, xi int) {
				wantY.add(yi, w[wi], x[xi])
				wantDX.add(xi, w[wi], dy[yi])
				wantDW.add(wi, x[xi], dy[yi])
			})
			y, dx, dw := make([]float32, g.YSize()), make([]float32, g.XSize()), make([]float32, g.WSize())
			fillNaN(y, dx, dw) // outputs must be overwritten, not accumulated into
			Conv2d(g, x, w, y)
			Conv2dBackwardData(g, dy, w, dx)
			Conv2dBackwardWeights(g, x, dy, dw)
			wantY.check(t, "y", y)
			wantDX.check(t, "dx", dx)
			wantDW.check(t, "dw", dw)
		})
	}
}

func TestConvGeomValidate(t *testing.T) {
	ok := ConvGeom{N: 1, C: 4, H: 5, W: 5, OutC: 6, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
		DilationH: 1, DilationW: 1, Groups: 2}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid geometry rejected: %v", err)
	}
	bad := map[string]func(g *ConvGeom){
		"groups":   func(g *ConvGeom) { g.Groups = 3 },
		"stride":   func(g *ConvGeom) { g.StrideW = 0 },
		"dilation": func(g *ConvGeom) { g.DilationH = 0 },
		"padding":  func(g *ConvGeom) { g.PadH = -1 },
		"too_big":  func(g *ConvGeom) { g.KH = 6 },
		"empty":    func(g *ConvGeom) { g.N = 0 },
	}
	for label, mutate := range bad {
		g := ok
		mutate(&g)
		if g.Validate() == nil {
			t.Errorf("%s: invalid geometry %+v accepted", label, g)
		}
	}
}

// TestIm2colChunks checks that chunks starting and ending mid-row produce
// exactly the matching columns of the whole im2col matrix (Conv2d splits big
// layers this way), and that col2im is its adjoint: <im2col(x), c> = <x, col2im(c)>.
func TestIm2colChunks(t *testing.T) {
	g := ConvGeom{N: 1, C: 2, H: 7, W: 6, OutC: 1, KH: 3, KW: 2, StrideH: 2, StrideW: 1,
		PadH: 1, PadW: 1, DilationH: 1, DilationW: 2, Groups: 1}
	rng := rand.New(rand.NewSource(5))
	k, p, _ := g.groupDims()
	x := randSlice(rng, g.XSize())
	full := make([]float32, k*p)
	colSpan{g: g, p0: 0, p1: p}.im2col(x, full)
	for _, span := range [][2]int{{0, 5}, {5, 11}, {11, p}, {3, 4}} {
		s := colSpan{g: g, p0: span[0], p1: span[1]}
		np := s.p1 - s.p0
		col := make([]float32, k*np)
		fillNaN(col)
		s.im2col(x, col)
		for r := range k {
			assertClose(t, name("rows %d span %v", r, span), col[r*np:(r+1)*np], full[r*p+s.p0:r*p+s.p1], 0)
		}
	}
	c := randSlice(rng, k*p)
	dx := make([]float32, g.XSize())
	colSpan{g: g, p0: 0, p1: p}.col2im(c, dx)
	if lhs, rhs := dot(full, c), dot(x, dx); abs(lhs-rhs) > 1e-4*max(1, abs(lhs)) {
		t.Fatalf("col2im is not the adjoint of im2col: %v vs %v", lhs, rhs)
	}
}

func TestValidRange(t *testing.T) {
	for _, c := range []struct{ out, in, stride, offset int }{
		{5, 5, 1, -1}, {5, 5, 1, 1}, {4, 9, 2, -3}, {3, 2, 2, 5}, {6, 4, 3, -10}, {7, 7, 1, 0},
	} {
		lo, hi := validRange(c.out, c.in, c.stride, c.offset)
		for o := range c.out {
			i := o*c.stride + c.offset
			inside := i >= 0 && i < c.in
			if inside != (o >= lo && o < hi) {
				t.Errorf("validRange%+v = [%d,%d) but output %d maps to %d", c, lo, hi, o, i)
			}
		}
	}
}

// BenchmarkConv2d measures layers typical of the models at batch 1:
// ResNet's 3×3 64→64 on 56×56, MobileNetV2's depthwise 3×3 on 144×56×56 and
// its 1×1 expansion 24→144.
func BenchmarkConv2d(b *testing.B) {
	layers := map[string]ConvGeom{
		"resnet_3x3_64": {N: 1, C: 64, H: 56, W: 56, OutC: 64, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
			PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1},
		"mobilenet_dw_144": {N: 1, C: 144, H: 56, W: 56, OutC: 144, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
			PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 144},
		"mobilenet_1x1_24_144": {N: 1, C: 24, H: 56, W: 56, OutC: 144, KH: 1, KW: 1, StrideH: 1, StrideW: 1,
			DilationH: 1, DilationW: 1, Groups: 1},
	}
	for label, g := range layers {
		b.Run(label, func(b *testing.B) {
			rng := rand.New(rand.NewSource(1))
			x, w, y := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), make([]float32, g.YSize())
			for range b.N {
				Conv2d(g, x, w, y)
			}
			flops := 2 * float64(g.YSize()*g.InGroup()*g.KH*g.KW)
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
