package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// Output sizes printed by PyTorch 1.13:
// F.max_pool2d(torch.zeros(1,1,H,H), k, s, p, ceil_mode=c).shape[-1]
func TestPoolOutputSizeMatchesTorch(t *testing.T) {
	cases := []struct {
		h, k, s, p int
		ceil       bool
		want       int
	}{
		{111, 3, 2, 0, true, 55}, {55, 3, 2, 0, true, 27}, {27, 3, 2, 0, true, 13}, // squeezenet
		{55, 3, 2, 0, false, 27}, {112, 3, 2, 1, false, 56}, // alexnet, resnet
		{6, 2, 2, 1, true, 4}, {5, 2, 2, 1, true, 3}, {5, 3, 2, 1, true, 3},
		{7, 3, 3, 1, true, 3}, {4, 4, 3, 2, true, 2}, {1, 1, 1, 0, true, 1}, {8, 3, 3, 1, true, 3},
	}
	for _, c := range cases {
		if got := poolOutSize(c.h, c.k, c.s, c.p, c.ceil); got != c.want {
			t.Errorf("poolOutSize(%d, k=%d, s=%d, p=%d, ceil=%v) = %d, want %d", c.h, c.k, c.s, c.p, c.ceil, got, c.want)
		}
	}
}

// Values printed by PyTorch 1.13 for x = torch.arange(1, 36.).reshape(1,1,5,7):
// F.avg_pool2d(x, (3,2), (2,3), (1,1), ceil_mode=True) and
// F.avg_pool2d(x, 2, 2, 1, ceil_mode=True). Border windows divide by the
// padded size, windows sticking out past the padding by less.
func TestAvgPoolCeilModeMatchesTorch(t *testing.T) {
	x := make([]float32, 35)
	for i := range x {
		x[i] = float32(i + 1)
	}
	cases := []struct {
		g    PoolGeom
		want []float32
	}{
		{PoolGeom{N: 1, C: 1, H: 5, W: 7, KernelH: 3, KernelW: 2, StrideH: 2, StrideW: 3, PadH: 1, PadW: 1, CeilMode: true},
			[]float32{1.5, 4.6666665, 6.6666665, 7.5, 17.5, 20.5, 8.5, 18.666666, 20.666666}},
		{PoolGeom{N: 1, C: 1, H: 5, W: 7, KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, CeilMode: true},
			[]float32{0.25, 1.25, 2.25, 3.25, 5.75, 13, 15, 17, 12.75, 27, 29, 31}},
	}
	for _, c := range cases {
		y := make([]float32, c.g.YSize())
		AvgPool2d(c.g, x, y)
		assertClose(t, name("avgpool %+v", c.g), y, c.want, 1e-6)
	}
}

// PyTorch 1.13: F.max_pool2d(x, 2, 1, return_indices=True) on this 3×4 input
// gives indices [[1,1,2],[5,10,10]] (ties go to the first maximum) and
// y.sum().backward() gives the gradient below (shared winners add up).
func TestMaxPoolTiesMatchTorch(t *testing.T) {
	g := PoolGeom{N: 1, C: 1, H: 3, W: 4, KernelH: 2, KernelW: 2, StrideH: 1, StrideW: 1}
	x := []float32{1, 3, 3, 2, 0, 3, 1, 3, 2, 2, 5, 5}
	y, idx := make([]float32, g.YSize()), make([]int32, g.YSize())
	MaxPool2d(g, x, y, idx)
	assertClose(t, "y", y, []float32{3, 3, 3, 3, 5, 5}, 0)
	for i, want := range []int32{1, 1, 2, 5, 10, 10} {
		if idx[i] != want {
			t.Fatalf("argmax = %v, want [1 1 2 5 10 10]", idx)
		}
	}
	dx := make([]float32, g.XSize())
	MaxPool2dBackward(g, []float32{1, 1, 1, 1, 1, 1}, idx, dx)
	assertClose(t, "dx", dx, []float32{0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 2, 0}, 0)
}

func TestMaxPoolPropagatesNaN(t *testing.T) {
	g := PoolGeom{N: 1, C: 1, H: 2, W: 2, KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2}
	y, idx := make([]float32, 1), make([]int32, 1)
	MaxPool2d(g, []float32{1, float32(math.NaN()), 7, 2}, y, idx)
	if !math.IsNaN(float64(y[0])) || idx[0] != 1 {
		t.Fatalf("max of {1, NaN, 7, 2} = %v at %d, want NaN at 1", y[0], idx[0])
	}
}

func poolCases() map[string]PoolGeom {
	return map[string]PoolGeom{
		"3x3_s2_ceil_b5":   {N: 5, C: 3, H: 11, W: 9, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true},
		"3x3_s2_ceil_wide": {N: 2, C: 3, H: 9, W: 40, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true},
		"3x3_s2_ceil_odd":  {N: 1, C: 2, H: 7, W: 37, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true},
		"3x3_s2_pad1":      {N: 2, C: 2, H: 8, W: 7, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		"3x3_s2_pad1_wide": {N: 2, C: 3, H: 9, W: 40, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		"3x3_s2_pad1_odd":  {N: 1, C: 2, H: 6, W: 37, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		"3x3_s2_p1_ceil":   {N: 1, C: 2, H: 7, W: 38, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, CeilMode: true},
		"2x2_s2_pad1_ceil": {N: 1, C: 3, H: 5, W: 6, KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, CeilMode: true},
		"nonsquare":        {N: 2, C: 1, H: 9, W: 5, KernelH: 3, KernelW: 2, StrideH: 3, StrideW: 1, PadH: 1, CeilMode: true},
		"1x1":              {N: 1, C: 2, H: 3, W: 4, KernelH: 1, KernelW: 1, StrideH: 1, StrideW: 1},
		"global":           {N: 3, C: 2, H: 4, W: 3, KernelH: 4, KernelW: 3, StrideH: 1, StrideW: 1},
	}
}

// naivePool evaluates every window over the padded plane cell by cell:
// padding cells count towards the divisor (when inside H+pad, W+pad) and never
// win the maximum.
func naivePool(g PoolGeom, x []float32) (maxY, avgY []float32) {
	oh, ow := g.OutH(), g.OutW()
	for nc := range g.N * g.C {
		for r := range oh {
			for s := range ow {
				best, sum, cells := math.Inf(-1), 0.0, 0
				for i := range g.KernelH {
					for j := range g.KernelW {
						h, w := r*g.StrideH-g.PadH+i, s*g.StrideW-g.PadW+j
						if h >= g.H+g.PadH || w >= g.W+g.PadW {
							continue // past the padding: not part of the window
						}
						cells++
						if v, in := at(x, 1, g.H, g.W, nc, 0, h, w); in {
							best, sum = math.Max(best, float64(v)), sum+float64(v)
						}
					}
				}
				maxY, avgY = append(maxY, float32(best)), append(avgY, float32(sum/float64(cells)))
			}
		}
	}
	return maxY, avgY
}

func TestPoolsMatchNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	for label, g := range poolCases() {
		t.Run(label, func(t *testing.T) {
			if err := g.Validate(); err != nil {
				t.Fatal(err)
			}
			x := randSlice(rng, g.XSize())
			wantMax, wantAvg := naivePool(g, x)
			y, idx := make([]float32, g.YSize()), make([]int32, g.YSize())
			MaxPool2d(g, x, y, idx)
			assertClose(t, "max", y, wantMax, 0)
			for o, i := range idx {
				if nc := o / (g.OutH() * g.OutW()); x[nc*g.H*g.W+int(i)] != y[o] {
					t.Fatalf("argmax %d of output %d points at %v, max is %v", i, o, x[nc*g.H*g.W+int(i)], y[o])
				}
			}
			AvgPool2d(g, x, y)
			assertClose(t, "avg", y, wantAvg, 1e-6)

			// Both backward passes are the adjoints of linear maps (max pooling
			// with its argmax fixed): <pool(x), dy> must equal <x, pool'(dy)>.
			dy, dx := randSlice(rng, g.YSize()), make([]float32, g.XSize())
			fillNaN(dx)
			MaxPool2dBackward(g, dy, idx, dx)
			checkAdjoint(t, "max", wantMax, dy, x, dx)
			fillNaN(dx)
			AvgPool2dBackward(g, dy, dx)
			checkAdjoint(t, "avg", wantAvg, dy, x, dx)
		})
	}
}

// checkAdjoint fails unless <y, dy> = <x, dx>.
func checkAdjoint(t *testing.T, what string, y, dy, x, dx []float32) {
	t.Helper()
	if lhs, rhs := dot(y, dy), dot(x, dx); abs(lhs-rhs) > 1e-5*max(1, abs(lhs)) {
		t.Fatalf("%s: backward is not the adjoint of forward: <y,dy>=%v, <x,dx>=%v", what, lhs, rhs)
	}
}

func TestPoolGeomValidate(t *testing.T) {
	bad := map[string]PoolGeom{
		"pad_over_half": {N: 1, C: 1, H: 5, W: 5, KernelH: 2, KernelW: 2, StrideH: 1, StrideW: 1, PadH: 2},
		"stride0":       {N: 1, C: 1, H: 5, W: 5, KernelH: 2, KernelW: 2, StrideW: 1},
		"too_big":       {N: 1, C: 1, H: 2, W: 5, KernelH: 3, KernelW: 2, StrideH: 1, StrideW: 1},
	}
	for label, g := range bad {
		if g.Validate() == nil {
			t.Errorf("%s: invalid geometry %+v accepted", label, g)
		}
	}
}

func TestAdaptiveAvgPool(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, c := range [][6]int{
		{2, 3, 13, 13, 6, 6}, {1, 2, 7, 7, 7, 7}, {5, 1, 5, 9, 3, 4}, {1, 2, 3, 2, 5, 4}, {3, 2, 7, 7, 1, 1},
	} {
		n, ch, h, w, oh, ow := c[0], c[1], c[2], c[3], c[4], c[5]
		t.Run(name("%v", c), func(t *testing.T) {
			x := randSlice(rng, n*ch*h*w)
			want := naiveAdaptive(n*ch, h, w, oh, ow, x)
			y := make([]float32, n*ch*oh*ow)
			AdaptiveAvgPool2d(n, ch, h, w, oh, ow, x, y)
			assertClose(t, "y", y, want, 1e-6)
			dy, dx := randSlice(rng, len(y)), make([]float32, len(x))
			fillNaN(dx)
			AdaptiveAvgPool2dBackward(n, ch, h, w, oh, ow, dy, dx)
			checkAdjoint(t, "adaptive", y, dy, x, dx)
		})
	}
}

// naiveAdaptive uses floating-point floor/ceil for PyTorch's bin edges.
func naiveAdaptive(planes, h, w, oh, ow int, x []float32) []float32 {
	var y []float32
	for p := range planes {
		for r := range oh {
			h0 := int(math.Floor(float64(r*h) / float64(oh)))
			h1 := int(math.Ceil(float64((r+1)*h) / float64(oh)))
			for s := range ow {
				w0 := int(math.Floor(float64(s*w) / float64(ow)))
				w1 := int(math.Ceil(float64((s+1)*w) / float64(ow)))
				var sum float64
				for i := h0; i < h1; i++ {
					for j := w0; j < w1; j++ {
						sum += float64(x[(p*h+i)*w+j])
					}
				}
				y = append(y, float32(sum/float64((h1-h0)*(w1-w0))))
			}
		}
	}
	return y
}

// With many ties (values 0, 1, 2), every argmax is the first maximum of its
// window in row-major order, as PyTorch records it, on the vector 3-wide
// stride-2 paths and the general one.
func TestMaxPoolArgmaxFirstOfTies(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for _, g := range []PoolGeom{
		{N: 2, C: 3, H: 11, W: 40, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true},
		{N: 1, C: 2, H: 9, W: 37, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		{N: 2, C: 1, H: 9, W: 13, KernelH: 3, KernelW: 2, StrideH: 3, StrideW: 1, PadH: 1, CeilMode: true},
	} {
		// Values 0, 1, 2; then mostly −∞, where whole windows are −∞ and
		// the padding (also −∞ to the vector paths) must not win.
		// Then a few NaNs, where the last NaN of the window wins.
		nan := float32(math.NaN())
		for _, levels := range [][]float32{{0, 1, 2}, {negInf, negInf, negInf, negInf, negInf, negInf, 0, 1}, append(make([]float32, 40), 1, nan)} {
			x := make([]float32, g.XSize())
			for i := range x {
				x[i] = levels[rng.Intn(len(levels))]
			}
			checkFirstOfTies(t, g, x)
		}
	}
}

func checkFirstOfTies(t *testing.T, g PoolGeom, x []float32) {
	t.Helper()
	y, idx := make([]float32, g.YSize()), make([]int32, g.YSize())
	MaxPool2d(g, x, y, idx)
	oh, ow := g.OutH(), g.OutW()
	for o := range idx {
		nc, r, s := o/(oh*ow), o/ow%oh, o%ow
		h0, h1, w0, w1 := g.window(r, s)
		want := -1
		for h := h0; h < h1 && want < 0; h++ {
			for w := w0; w < w1; w++ {
				if x[nc*g.H*g.W+h*g.W+w] == y[o] {
					want = h*g.W + w
					break
				}
			}
		}
		for h := h0; h < h1 && y[o] != y[o]; h++ {
			for w := w0; w < w1; w++ {
				if v := x[nc*g.H*g.W+h*g.W+w]; v != v {
					want = h*g.W + w // the last NaN
				}
			}
		}
		if int(idx[o]) != want {
			t.Fatalf("%+v output %d: argmax %d, want %d (the first maximum)", g, o, idx[o], want)
		}
	}
}
