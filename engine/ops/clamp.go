package ops

import (
	"fmt"
	"hash"
	"math"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// ReLU is max(x, 0) on a float32 tensor of any rank.
func ReLU(x *gorgonia.Node) (*gorgonia.Node, error) {
	return clamp("ops.ReLU", x, 0, float32(math.Inf(1)))
}

// ReLU6 is min(max(x, 0), 6), MobileNetV2's activation.
func ReLU6(x *gorgonia.Node) (*gorgonia.Node, error) {
	return clamp("ops.ReLU6", x, 0, 6)
}

func clamp(name string, x *gorgonia.Node, lo, hi float32) (*gorgonia.Node, error) {
	if err := checkNode(name, "input", x, 0); err != nil {
		return nil, err
	}
	if x.Dims() == 0 {
		return nil, fmt.Errorf("%s: input %s is a scalar, want a tensor", name, x.Name())
	}
	return gorgonia.ApplyOp(&clampOp{lo: lo, hi: hi, dims: x.Dims()}, x)
}

// clampOp clips its input to [lo, hi]. Gradients pass only strictly inside
// (PyTorch gives none at x == 0 for ReLU and at 0 and 6 for ReLU6).
type clampOp struct {
	pureOp
	lo, hi float32
	dims   int
}

func (op *clampOp) Arity() int                { return 1 }
func (op *clampOp) Type() hm.Type             { return fnType(tensorType(op.dims), tensorType(op.dims)) }
func (op *clampOp) String() string            { return fmt.Sprintf("Clamp[%v,%v]", op.lo, op.hi) }
func (op *clampOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *clampOp) Hashcode() uint32          { return hashOf(op) }
func (op *clampOp) DiffWRT(inputs int) []bool { return []bool{true} }

// outputMask: lo < y < hi exactly where lo < x < hi (and NaN where x is), so
// the gradient can be masked by the output (see maskedOutput).
func (op *clampOp) outputMask() (on bool, lo, hi float32) { return true, op.lo, op.hi }

func (op *clampOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("Clamp", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *clampOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs(op.String(), []string{"input"}, vs)
	if err != nil {
		return nil, err
	}
	y := op.out.floats(len(data[0]))
	kernels.Clamp(data[0], op.lo, op.hi, y)
	return newDense(shapes[0], y), nil
}

func (op *clampOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	if m, ok := grad.Op().(gradMasker); ok && m.masks(out, op.lo, op.hi) {
		return gorgonia.Nodes{grad}, nil // masked already, by the output
	}
	dx, err := gorgonia.ApplyOp(&clampGradOp{lo: op.lo, hi: op.hi, dims: op.dims}, in[0], grad)
	if err != nil {
		return nil, fmt.Errorf("%v gradient: %w", op, err)
	}
	return gorgonia.Nodes{dx}, nil
}

// clampGradOp maps (x, dy) to dy masked where x is outside (lo, hi).
type clampGradOp struct {
	pureOp
	lo, hi float32
	dims   int
}

func (op *clampGradOp) Arity() int { return 2 }
func (op *clampGradOp) Type() hm.Type {
	return fnType(tensorType(op.dims), tensorType(op.dims), tensorType(op.dims))
}
func (op *clampGradOp) String() string        { return fmt.Sprintf("ClampGrad[%v,%v]", op.lo, op.hi) }
func (op *clampGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *clampGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *clampGradOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("ClampGrad", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *clampGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs(op.String(), []string{"input", "output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	if err := sameShape(op.String(), "output gradient", shapes[1], shapes[0]); err != nil {
		return nil, err
	}
	dx := op.out.floats(len(data[0]))
	kernels.ClampBackward(data[0], data[1], op.lo, op.hi, dx)
	return newDense(shapes[0], dx), nil
}
