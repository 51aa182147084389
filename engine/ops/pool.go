package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
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

// applyPool checks x and p's options, sets their defaults and applies the op
// that wrap builds around p.
func applyPool(x *gorgonia.Node, p poolOp, wrap func(poolOp) gorgonia.Op) (*gorgonia.Node, error) {
	name := "ops." + p.name
	if err := checkNode(name, "input", x, 4); err != nil {
		return nil, err
	}
	p.opts = p.opts.withDefaults()
	if _, err := p.opts.geom(x.Shape()); err != nil {
		return nil, fmt.Errorf("%s: input %s: %w", name, x.Name(), err)
	}
	return gorgonia.ApplyOp(wrap(p), x)
}

// poolOp is what the windowed pools (AvgPool2d, MaxPool2d) share: the name
// their messages and String use, the defaulted options, and every
// gorgonia.Op method that depends on nothing else. Each pool embeds it and
// adds only Do and SymDiff, the parts that differ.
type poolOp struct {
	pureOp
	name string
	opts PoolOpts
}

func (op *poolOp) Arity() int                { return 1 }
func (op *poolOp) Type() hm.Type             { return fnType(tensorType(4), tensorType(4)) }
func (op *poolOp) String() string            { return fmt.Sprintf("%s%+v", op.name, op.opts) }
func (op *poolOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *poolOp) Hashcode() uint32          { return hashOf(op) }
func (op *poolOp) DiffWRT(inputs int) []bool { return []bool{true} }

func (op *poolOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf(op.name, ds, 0)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(x)
	if err != nil {
		return nil, err
	}
	return poolOutShape(g), nil
}

// forwardArgs checks Do's one input and returns its data, its geometry and
// the op's output buffer sized for this run.
func (op *poolOp) forwardArgs(vs []gorgonia.Value) (x []float32, g kernels.PoolGeom, y []float32, err error) {
	data, shapes, err := inputs(op.name, []string{"input"}, vs)
	if err != nil {
		return nil, g, nil, err
	}
	if g, err = op.opts.geom(shapes[0]); err != nil {
		return nil, g, nil, err
	}
	return data[0], g, op.out.floats(g.YSize()), nil
}
