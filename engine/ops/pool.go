package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// PoolOpts are nn.MaxPool2d/nn.AvgPool2d's options. A zero stride means the
// kernel size (PyTorch's default); padding is applied on both sides.
type PoolOpts struct {
	KernelH, KernelW, StrideH, StrideW, PadH, PadW int
	CeilMode                                       bool
}

// withDefaults sets zero strides to the kernel size.
func (o PoolOpts) withDefaults() PoolOpts {
	if o.StrideH == 0 {
		o.StrideH = o.KernelH
	}
	if o.StrideW == 0 {
		o.StrideW = o.KernelW
	}
	return o
}

// geom is the kernel geometry for an (N, C, H, W) input.
func (o PoolOpts) geom(x tensor.Shape) (kernels.PoolGeom, error) {
	if x.Dims() != 4 {
		return kernels.PoolGeom{}, fmt.Errorf("pool: input %v must be 4-D", x)
	}
	g := kernels.PoolGeom{N: x[0], C: x[1], H: x[2], W: x[3],
		KernelH: o.KernelH, KernelW: o.KernelW, StrideH: o.StrideH, StrideW: o.StrideW,
		PadH: o.PadH, PadW: o.PadW, CeilMode: o.CeilMode}
	return g, g.Validate()
}

func poolOutShape(g kernels.PoolGeom) tensor.Shape { return tensor.Shape{g.N, g.C, g.OutH(), g.OutW()} }

// applyPool checks x and the options and applies op, which is built from the
// defaulted options.
func applyPool(name string, x *gorgonia.Node, o PoolOpts, op func(PoolOpts) gorgonia.Op) (*gorgonia.Node, error) {
	if err := checkNode(name, "input", x, 4); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if _, err := o.geom(x.Shape()); err != nil {
		return nil, fmt.Errorf("%s: input %s: %w", name, x.Name(), err)
	}
	return gorgonia.ApplyOp(op(o), x)
}
