package gpu

import (
	"fmt"

	"transferlab/engine/kernels"
)

// poolPush is the push block of the max-pooling shaders: the element count
// they run over, then the geometry.
func poolPush(n int, g kernels.PoolGeom) []byte {
	return push(n, g.H, g.W, g.OutH(), g.OutW(), g.KernelH, g.KernelW, g.StrideH, g.StrideW, g.PadH, g.PadW)
}

// MaxPool2d returns y (N, C, OH, OW) and the flat index within its H×W plane
// of each window's maximum (stored as int32 bits; the first maximum in
// row-major order, as kernels.MaxPool2d).
func (d *Device) MaxPool2d(g kernels.PoolGeom, x *Tensor) (y, argmax *Tensor, err error) {
	if err := g.Validate(); err != nil {
		return nil, nil, fmt.Errorf("gpu: MaxPool2d: %w", err)
	}
	if err := check("MaxPool2d", need{"x", x, g.XSize()}); err != nil {
		return nil, nil, err
	}
	shape := []int{g.N, g.C, g.OutH(), g.OutW()}
	if y, err = d.alloc(shape...); err != nil {
		return nil, nil, err
	}
	if argmax, err = d.alloc(shape...); err != nil {
		y.Free()
		return nil, nil, err
	}
	if err := d.run("maxpool", y.n, poolPush(y.n, g), x, y, argmax); err != nil {
		freeAll(y, argmax)
		return nil, nil, err
	}
	return y, argmax, nil
}

// MaxPool2dBackward returns dx (N, C, H, W): each dy routed to the element
// that won its window; overlapping windows that share a winner add up.
func (d *Device) MaxPool2dBackward(g kernels.PoolGeom, dy, argmax *Tensor) (*Tensor, error) {
	if err := g.Validate(); err != nil {
		return nil, fmt.Errorf("gpu: MaxPool2dBackward: %w", err)
	}
	if err := check("MaxPool2dBackward", need{"dy", dy, g.YSize()}, need{"argmax", argmax, g.YSize()}); err != nil {
		return nil, err
	}
	dx, err := d.alloc(g.N, g.C, g.H, g.W)
	if err != nil {
		return nil, err
	}
	if err := d.run("maxpool_backward", dx.n, poolPush(dx.n, g), dy, argmax, dx); err != nil {
		dx.Free()
		return nil, err
	}
	return dx, nil
}

// AdaptiveAvgPool2d averages x (N, C, H, W) into (N, C, outH, outW) with
// PyTorch's bins (kernels.AdaptiveAvgPool2d).
func (d *Device) AdaptiveAvgPool2d(n, c, h, w, outH, outW int, x *Tensor) (*Tensor, error) {
	return d.adaptive("AdaptiveAvgPool2d", "adaptive_avgpool", n, c, h, w, outH, outW, x, n*c*h*w,
		[]int{n, c, outH, outW})
}

// AdaptiveAvgPool2dBackward returns dx (N, C, H, W) from dy (N, C, outH, outW).
func (d *Device) AdaptiveAvgPool2dBackward(n, c, h, w, outH, outW int, dy *Tensor) (*Tensor, error) {
	return d.adaptive("AdaptiveAvgPool2dBackward", "adaptive_avgpool_backward", n, c, h, w, outH, outW,
		dy, n*c*outH*outW, []int{n, c, h, w})
}

// adaptive runs either adaptive-pooling shader: in has inLen elements, the
// output has shape out; one invocation per output element.
func (d *Device) adaptive(op, shader string, n, c, h, w, outH, outW int, in *Tensor, inLen int, out []int) (*Tensor, error) {
	if err := kernels.ValidateAdaptive(n, c, h, w, outH, outW); err != nil {
		return nil, fmt.Errorf("gpu: %s: %w", op, err)
	}
	if err := check(op, need{"input", in, inLen}); err != nil {
		return nil, err
	}
	y, err := d.alloc(out...)
	if err != nil {
		return nil, err
	}
	if err := d.run(shader, y.n, push(y.n, h, w, outH, outW), in, y); err != nil {
		y.Free()
		return nil, err
	}
	return y, nil
}
