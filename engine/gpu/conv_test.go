package gpu

import (
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
)

// convCase is a small convolution covering one path of Conv2d.
type convCase struct {
	name                string
	c, h, w, outC, k    int
	stride, pad, dil, g int
	bias                bool
	act                 Act
}

func (c convCase) geom(n int) kernels.ConvGeom {
	return kernels.ConvGeom{N: n, C: c.c, H: c.h, W: c.w, OutC: c.outC, KH: c.k, KW: c.k,
		StrideH: c.stride, StrideW: c.stride, PadH: c.pad, PadW: c.pad,
		DilationH: c.dil, DilationW: c.dil, Groups: c.g}
}

var convCases = []convCase{
	{"3x3", 3, 7, 7, 5, 3, 1, 1, 1, 1, true, ActReLU},
	{"3x3/2", 4, 9, 8, 6, 3, 2, 1, 1, 1, false, ActReLU6},
	{"1x1 pointwise", 8, 5, 5, 5, 1, 1, 0, 1, 1, true, ActNone},
	{"1x1/2", 4, 7, 7, 3, 1, 2, 0, 1, 1, false, ActNone},
	{"7x7/2 pad 3", 3, 9, 9, 4, 7, 2, 3, 1, 1, true, ActReLU},
	{"3x3 dilation 2", 3, 7, 7, 4, 3, 1, 2, 2, 1, false, ActNone},
	{"depthwise 3x3", 6, 7, 7, 6, 3, 1, 1, 1, 6, true, ActReLU6},
	{"depthwise 3x3/2", 4, 8, 8, 4, 3, 2, 1, 1, 4, false, ActNone},
	{"groups 2", 4, 6, 6, 6, 3, 1, 1, 1, 2, true, ActReLU},
	// Several tiles of the implicit GEMM in every direction (OutC 70 > 64,
	// 2·13·13 = 338 > 2·128 positions, K = 63: four k steps, the last short).
	{"3x3 many tiles", 7, 13, 13, 70, 3, 1, 1, 1, 1, true, ActReLU},
	// Enough positions (2·40·40 = 3200) for the weight gradient to split
	// its sum over them.
	{"3x3/1 split sum", 3, 40, 40, 8, 3, 1, 1, 1, 1, false, ActNone},
}

// TestConv2d checks the forward pass and both gradients of every case
// against engine/kernels, in every GEMM layout (the vec layout's forward is
// an implicit GEMM, the scalar one's unfolds x first): the batch in one
// im2col chunk, one image per chunk, and three images in chunks of two (a
// full chunk and a partial one).
func TestConv2d(t *testing.T) {
	d := device(t)
	for _, kern := range gemmKernels {
		t.Run(kern.name, func(t *testing.T) {
			must(t, d.SetGemmLayout(kern.name))
			defer d.SetGemmLayout(gemmKernels[0].name)
			testConvModes(t, d)
		})
	}
}

func testConvModes(t *testing.T, d *Device) {
	for _, mode := range []struct {
		name   string
		n      int
		chunks func(g kernels.ConvGeom, k, ohw int) (fwd, bwdW int)
	}{
		{"one chunk", 2, func(kernels.ConvGeom, int, int) (int, int) { return maxScratchFloats, maxScratchFloats }},
		{"chunks of 1", 2, func(kernels.ConvGeom, int, int) (int, int) { return 1, 1 }},
		{"chunks of 2", 3, func(g kernels.ConvGeom, k, ohw int) (int, int) { return 2 * k * ohw, 2 * (k + g.OutC) * ohw }},
	} {
		for _, tc := range convCases {
			t.Run(tc.name+"/"+mode.name, func(t *testing.T) {
				g := tc.geom(mode.n)
				fwd, bwdW := mode.chunks(g, g.C*g.KH*g.KW, g.OutH()*g.OutW())
				defer func() { d.scratchLimit = maxScratchFloats }()
				testConv(t, d, tc, g, fwd, bwdW)
			})
		}
	}
}

// testConv runs one case with the scratch limited to fwd floats for the
// forward pass and the data gradient and to bwdW for the weight gradient.
func testConv(t *testing.T, d *Device, tc convCase, g kernels.ConvGeom, fwd, bwdW int) {
	r := rand.New(rand.NewSource(int64(len(tc.name))))
	xs, ws, dys := randn(r, g.XSize()), randn(r, g.WSize()), randn(r, g.YSize())
	x, w, dy := upload(t, d, xs, g.N, g.C, g.H, g.W), upload(t, d, ws, g.WSize()), upload(t, d, dys, g.YSize())
	var bs []float32
	var b *Tensor
	if tc.bias {
		bs = randn(r, g.OutC)
		b = upload(t, d, bs, g.OutC)
	}

	d.scratchLimit = fwd
	y, err := d.Conv2d(g, x, w, b, tc.act)
	must(t, err, y)
	lo, hi := tc.act.bounds()
	want := make([]float32, g.YSize())
	kernels.Conv2dFused(g, xs, ws, &kernels.Epilogue{Shift: bs, Clamp: tc.act != ActNone, Lo: lo, Hi: hi}, want)
	expectShape(t, "y", y, g.N, g.OutC, g.OutH(), g.OutW())
	expectClose(t, d, "y", y, want)

	dx, err := d.Conv2dBackwardData(g, dy, w)
	must(t, err, dx)
	wantDX := make([]float32, g.XSize())
	kernels.Conv2dBackwardData(g, dys, ws, wantDX)
	expectClose(t, d, "dx", dx, wantDX)

	d.scratchLimit = bwdW
	dw, err := d.Conv2dBackwardWeights(g, x, dy)
	must(t, err, dw)
	wantDW := make([]float32, g.WSize())
	kernels.Conv2dBackwardWeights(g, xs, dys, wantDW)
	expectShape(t, "dw", dw, g.OutC, g.InGroup(), g.KH, g.KW)
	expectClose(t, d, "dw", dw, wantDW)
}

// TestConvDirectGroupsOne runs the direct shaders (used for groups > 1) on
// ordinary convolutions too, a second check of their index arithmetic.
func TestConvDirectGroupsOne(t *testing.T) {
	d := device(t)
	g := convCases[1].geom(2)
	r := rand.New(rand.NewSource(9))
	xs, ws := randn(r, g.XSize()), randn(r, g.WSize())
	x, w := upload(t, d, xs, g.XSize()), upload(t, d, ws, g.WSize())
	y, err := d.alloc(g.N, g.OutC, g.OutH(), g.OutW())
	must(t, err, y)
	if err := d.convDirect(g, x, w, nil, ActNone, y); err != nil {
		t.Fatal(err)
	}
	want := make([]float32, g.YSize())
	kernels.Conv2d(g, xs, ws, want)
	expectClose(t, d, "direct y", y, want)
}

// TestConvErrors checks that bad geometry and mismatched tensors are
// errors, not crashes.
func TestConvErrors(t *testing.T) {
	d := device(t)
	g := convCases[0].geom(2)
	x := upload(t, d, make([]float32, g.XSize()), g.XSize())
	w := upload(t, d, make([]float32, g.WSize()), g.WSize())
	if _, err := d.Conv2d(g, w, w, nil, ActNone); err == nil {
		t.Error("Conv2d accepted an input of the wrong size")
	}
	bad := g
	bad.Groups = 2
	if _, err := d.Conv2d(bad, x, w, nil, ActNone); err == nil {
		t.Error("Conv2d accepted groups that do not divide the channels")
	}
	if _, err := d.Conv2dBackwardWeights(g, x, x); err == nil {
		t.Error("Conv2dBackwardWeights accepted dy of the wrong size")
	}
	x.Free()
	if _, err := d.Conv2d(g, x, w, nil, ActNone); err == nil {
		t.Error("Conv2d accepted a freed tensor")
	}
}
