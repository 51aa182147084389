package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// AvgPool2d is nn.AvgPool2d with count_include_pad=True (PyTorch's default):
// windows divide by their size including padding, ceil-mode windows that
// run past the padding by the part inside it.
func AvgPool2d(x *gorgonia.Node, o PoolOpts) (*gorgonia.Node, error) {
	return applyPool(x, poolOp{name: "AvgPool2d", opts: o}, func(p poolOp) gorgonia.Op {
		return &avgPoolOp{p}
	})
}

// avgPoolOp averages windows.
type avgPoolOp struct{ poolOp }

func (op *avgPoolOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	x, g, y, err := op.forwardArgs(vs)
	if err != nil {
		return nil, err
	}
	kernels.AvgPool2d(g, x, y)
	return newDense(poolOutShape(g), y), nil
}

func (op *avgPoolOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(&avgPoolGradOp{opts: op.opts, x: in[0].Shape().Clone()}, grad)
	if err != nil {
		return nil, fmt.Errorf("AvgPool2d gradient: %w", err)
	}
	return gorgonia.Nodes{dx}, nil
}

// avgPoolGradOp maps dy to ∂L/∂x (shape x), spreading each gradient evenly.
type avgPoolGradOp struct {
	pureOp
	opts PoolOpts
	x    tensor.Shape
}

func (op *avgPoolGradOp) Arity() int            { return 1 }
func (op *avgPoolGradOp) Type() hm.Type         { return fnType(tensorType(4), tensorType(4)) }
func (op *avgPoolGradOp) String() string        { return fmt.Sprintf("AvgPool2dGrad%v%+v", op.x, op.opts) }
func (op *avgPoolGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *avgPoolGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *avgPoolGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.x.Clone(), nil
}

func (op *avgPoolGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("AvgPool2dGrad", []string{"output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(op.x)
	if err != nil {
		return nil, err
	}
	if err := sameShape("AvgPool2dGrad", "output gradient", shapes[0], poolOutShape(g)); err != nil {
		return nil, err
	}
	dx := op.out.floats(g.XSize())
	kernels.AvgPool2dBackward(g, data[0], dx)
	return newDense(op.x, dx), nil
}
