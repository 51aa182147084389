package gpu

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
)

// TestMaxPool2d checks max pooling and its gradient, with inputs drawn from
// four values so windows tie (the first maximum must win, as on the CPU)
// and overlapping windows share winners.
func TestMaxPool2d(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(4))
	for _, g := range []kernels.PoolGeom{
		{N: 2, C: 3, H: 9, W: 9, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1},
		{N: 2, C: 3, H: 8, W: 7, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true},
		{N: 2, C: 2, H: 7, W: 7, KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, CeilMode: true},
		{N: 2, C: 2, H: 6, W: 5, KernelH: 3, KernelW: 2, StrideH: 1, StrideW: 1, PadH: 1, PadW: 1},
	} {
		t.Run(fmt.Sprintf("%dx%d/%d pad %d ceil %v on %dx%d", g.KernelH, g.KernelW, g.StrideH, g.PadH, g.CeilMode, g.H, g.W), func(t *testing.T) {
			xs := make([]float32, g.XSize())
			for i := range xs {
				xs[i] = float32(r.Intn(4)) - 1.5
			}
			dys := randn(r, g.YSize())
			y, am, err := d.MaxPool2d(g, upload(t, d, xs, g.N, g.C, g.H, g.W))
			must(t, err, y, am)
			wantY, wantAM := make([]float32, g.YSize()), make([]int32, g.YSize())
			kernels.MaxPool2d(g, xs, wantY, wantAM)
			expectShape(t, "y", y, g.N, g.C, g.OutH(), g.OutW())
			expectClose(t, d, "y", y, wantY)
			for i, v := range download(t, d, am) {
				if got := int32(math.Float32bits(v)); got != wantAM[i] {
					t.Fatalf("argmax[%d] = %d, want %d", i, got, wantAM[i])
				}
			}

			dx, err := d.MaxPool2dBackward(g, upload(t, d, dys, g.YSize()), am)
			must(t, err, dx)
			wantDX := make([]float32, g.XSize())
			kernels.MaxPool2dBackward(g, dys, wantAM, wantDX)
			expectClose(t, d, "dx", dx, wantDX)
		})
	}
}

// TestAdaptiveAvgPool2d covers uneven (overlapping) bins, a global pool and
// an output larger than the input.
func TestAdaptiveAvgPool2d(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(5))
	const n, c = 2, 3
	for _, s := range [][4]int{{7, 5, 3, 2}, {5, 5, 1, 1}, {3, 3, 5, 4}, {6, 6, 6, 6}} {
		h, w, oh, ow := s[0], s[1], s[2], s[3]
		t.Run(fmt.Sprintf("%dx%d to %dx%d", h, w, oh, ow), func(t *testing.T) {
			xs, dys := randn(r, n*c*h*w), randn(r, n*c*oh*ow)
			y, err := d.AdaptiveAvgPool2d(n, c, h, w, oh, ow, upload(t, d, xs, n, c, h, w))
			must(t, err, y)
			want := make([]float32, n*c*oh*ow)
			kernels.AdaptiveAvgPool2d(n, c, h, w, oh, ow, xs, want)
			expectShape(t, "y", y, n, c, oh, ow)
			expectClose(t, d, "y", y, want)

			dx, err := d.AdaptiveAvgPool2dBackward(n, c, h, w, oh, ow, upload(t, d, dys, n, c, oh, ow))
			must(t, err, dx)
			wantDX := make([]float32, n*c*h*w)
			kernels.AdaptiveAvgPool2dBackward(n, c, h, w, oh, ow, dys, wantDX)
			expectClose(t, d, "dx", dx, wantDX)
		})
	}
}
