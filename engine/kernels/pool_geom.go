package kernels

import "fmt"

// PoolGeom describes a 2-D max or average pooling window over an
// (N, C, H, W) input, as PyTorch's MaxPool2d/AvgPool2d (dilation 1).
type PoolGeom struct {
	N, C, H, W       int
	KernelH, KernelW int
	StrideH, StrideW int
	PadH, PadW       int  // implicit padding on both sides
	CeilMode         bool // round the output size up instead of down
}

// OutH and OutW follow PyTorch's pooling_output_shape: with ceil mode the
// size rounds up, but a last window that would start in the right/bottom
// padding (or beyond) is dropped, so every window overlaps the image or the
// left/top padding.
func (g PoolGeom) OutH() int { return poolOutSize(g.H, g.KernelH, g.StrideH, g.PadH, g.CeilMode) }

// OutW is the width counterpart of OutH.
func (g PoolGeom) OutW() int { return poolOutSize(g.W, g.KernelW, g.StrideW, g.PadW, g.CeilMode) }

func poolOutSize(in, k, s, p int, ceil bool) int {
	num := in + 2*p - k
	if ceil {
		num += s - 1
	}
	out := floorDiv(num, s) + 1
	if ceil && (out-1)*s >= in+p {
		out--
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// XSize and YSize are the input and output element counts.
func (g PoolGeom) XSize() int { return g.N * g.C * g.H * g.W }

// YSize is the output element count, N·C·OutH·OutW.
func (g PoolGeom) YSize() int { return g.N * g.C * g.OutH() * g.OutW() }

// Validate applies PyTorch's checks: positive sizes, padding at most half the
// kernel, and a non-empty output.
func (g PoolGeom) Validate() error {
	switch {
	case g.N < 1 || g.C < 1 || g.H < 1 || g.W < 1:
		return fmt.Errorf("pool: input (%d,%d,%d,%d) must have positive sizes", g.N, g.C, g.H, g.W)
	case g.KernelH < 1 || g.KernelW < 1:
		return fmt.Errorf("pool: kernel (%d,%d) must be positive", g.KernelH, g.KernelW)
	case g.StrideH < 1 || g.StrideW < 1:
		return fmt.Errorf("pool: stride (%d,%d) must be at least 1", g.StrideH, g.StrideW)
	case g.PadH < 0 || g.PadW < 0 || 2*g.PadH > g.KernelH || 2*g.PadW > g.KernelW:
		return fmt.Errorf("pool: padding (%d,%d) must be between 0 and half the kernel (%d,%d)",
			g.PadH, g.PadW, g.KernelH, g.KernelW)
	case g.OutH() < 1 || g.OutW() < 1:
		return fmt.Errorf("pool: kernel (%d,%d) does not fit input %dx%d padded by (%d,%d)",
			g.KernelH, g.KernelW, g.H, g.W, g.PadH, g.PadW)
	}
	return nil
}

// check panics on an invalid geometry or short slices.
func (g PoolGeom) check(op string, x, y []float32) {
	if err := g.Validate(); err != nil {
		panic("kernels: " + op + ": " + err.Error())
	}
	checkLen(op, "input", len(x), g.XSize())
	checkLen(op, "output", len(y), g.YSize())
}

// window returns the input rows [h0, h1) and columns [w0, w1) under output
// (oh, ow), clipped to the image.
func (g PoolGeom) window(oh, ow int) (h0, h1, w0, w1 int) {
	h0, w0 = oh*g.StrideH-g.PadH, ow*g.StrideW-g.PadW
	h1, w1 = min(h0+g.KernelH, g.H), min(w0+g.KernelW, g.W)
	return max(h0, 0), h1, max(w0, 0), w1
}
