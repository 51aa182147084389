package kernels

import "fmt"

// ConvGeom describes a 2-D convolution as PyTorch's nn.Conv2d does, in NCHW:
// input x is (N, C, H, W), weight w is (OutC, C/Groups, KH, KW), output y is
// (N, OutC, OutH(), OutW()). Every field is explicit; there are no defaults
// (the ops layer maps zero values to stride 1, dilation 1, groups 1).
type ConvGeom struct {
	N, C, H, W           int // input batch, channels, height, width
	OutC, KH, KW         int // output channels and kernel size
	StrideH, StrideW     int
	PadH, PadW           int // zero padding on both sides
	DilationH, DilationW int
	Groups               int

	// tileCols, when positive, caps the width of GEMM output tiles; tests
	// set it to force many small tiles (and tiles straddling images) on
	// small layers.
	tileCols int
}

// OutH is PyTorch's ⌊(H + 2·PadH − DilationH·(KH−1) − 1) / StrideH⌋ + 1.
func (g ConvGeom) OutH() int {
	return (g.H+2*g.PadH-g.DilationH*(g.KH-1)-1)/g.StrideH + 1
}

// OutW is the width counterpart of OutH.
func (g ConvGeom) OutW() int {
	return (g.W+2*g.PadW-g.DilationW*(g.KW-1)-1)/g.StrideW + 1
}

// InGroup is the number of input channels each group sees (C/Groups).
func (g ConvGeom) InGroup() int { return g.C / g.Groups }

// OutGroup is the number of output channels each group produces.
func (g ConvGeom) OutGroup() int { return g.OutC / g.Groups }

// XSize, WSize and YSize are the element counts of input, weight and output.
func (g ConvGeom) XSize() int { return g.N * g.C * g.H * g.W }

// WSize is the weight element count, OutC·(C/Groups)·KH·KW.
func (g ConvGeom) WSize() int { return g.OutC * g.InGroup() * g.KH * g.KW }

// YSize is the output element count.
func (g ConvGeom) YSize() int { return g.N * g.OutC * g.OutH() * g.OutW() }

// Validate reports the first reason the geometry is not a valid convolution.
func (g ConvGeom) Validate() error {
	switch {
	case g.N < 1 || g.C < 1 || g.H < 1 || g.W < 1:
		return fmt.Errorf("conv: input (%d,%d,%d,%d) must have positive sizes", g.N, g.C, g.H, g.W)
	case g.OutC < 1 || g.KH < 1 || g.KW < 1:
		return fmt.Errorf("conv: weight (%d,_,%d,%d) must have positive sizes", g.OutC, g.KH, g.KW)
	case g.StrideH < 1 || g.StrideW < 1:
		return fmt.Errorf("conv: stride (%d,%d) must be at least 1", g.StrideH, g.StrideW)
	case g.DilationH < 1 || g.DilationW < 1:
		return fmt.Errorf("conv: dilation (%d,%d) must be at least 1", g.DilationH, g.DilationW)
	case g.PadH < 0 || g.PadW < 0:
		return fmt.Errorf("conv: padding (%d,%d) must not be negative", g.PadH, g.PadW)
	case g.Groups < 1 || g.C%g.Groups != 0 || g.OutC%g.Groups != 0:
		return fmt.Errorf("conv: groups %d must divide input channels %d and output channels %d",
			g.Groups, g.C, g.OutC)
	case g.OutH() < 1 || g.OutW() < 1:
		return fmt.Errorf("conv: kernel (%d,%d) with dilation (%d,%d) does not fit input %dx%d padded by (%d,%d)",
			g.KH, g.KW, g.DilationH, g.DilationW, g.H, g.W, g.PadH, g.PadW)
	}
	return nil
}

// isDepthwise reports whether every group maps one input channel to one
// output channel (MobileNetV2's depthwise layers); those run as direct loops
// because im2col would copy KH·KW times the input to do very little work.
func (g ConvGeom) isDepthwise() bool { return g.InGroup() == 1 && g.OutGroup() == 1 }

// isPointwise reports whether the input itself is already the im2col matrix:
// a 1×1 kernel with stride 1 and no padding.
func (g ConvGeom) isPointwise() bool {
	return g.KH == 1 && g.KW == 1 && g.StrideH == 1 && g.StrideW == 1 && g.PadH == 0 && g.PadW == 0
}

// checkLen panics when a slice is shorter than the geometry requires.
func checkLen(op, name string, got, want int) {
	if got < want {
		panic(fmt.Sprintf("kernels: %s: %s has %d elements, shape needs %d", op, name, got, want))
	}
}
