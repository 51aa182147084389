package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// AddChannelBias adds b (C) to every position of channel c of x (N, C, H, W),
// the bias of a convolution.
func AddChannelBias(x, b *gorgonia.Node) (*gorgonia.Node, error) {
	if err := checkNode("ops.AddChannelBias", "input", x, 4); err != nil {
		return nil, err
	}
	return addBias("ops.AddChannelBias", x, b)
}

// addBias applies channelBiasOp to x with channels on axis 1 (any rank ≥ 2,
// so Linear shares it) after checking b's shape.
func addBias(op string, x, b *gorgonia.Node) (*gorgonia.Node, error) {
	if err := checkNode(op, "bias", b, 1); err != nil {
		return nil, err
	}
	if c := x.Shape()[1]; b.Shape()[0] != c {
		return nil, fmt.Errorf("%s: bias %s has shape %v, input %s has %d channels (shape %v)",
			op, b.Name(), b.Shape(), x.Name(), c, x.Shape())
	}
	return gorgonia.ApplyOp(&channelBiasOp{dims: x.Dims()}, x, b)
}

// splitChannels views a shape (N, C, …) as (N, C, HW).
func splitChannels(s tensor.Shape) (n, c, hw int) {
	hw = 1
	for _, d := range s[2:] {
		hw *= d
	}
	return s[0], s[1], hw
}

// channelBiasOp computes x + b with b broadcast along axis 1 of x.
type channelBiasOp struct {
	pureOp
	dims int // rank of x
}

func (op *channelBiasOp) Arity() int { return 2 }
func (op *channelBiasOp) Type() hm.Type {
	return fnType(tensorType(op.dims), tensorType(1), tensorType(op.dims))
}
func (op *channelBiasOp) String() string            { return fmt.Sprintf("AddChannelBias%dD", op.dims) }
func (op *channelBiasOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *channelBiasOp) Hashcode() uint32          { return hashOf(op) }
func (op *channelBiasOp) DiffWRT(inputs int) []bool { return []bool{true, true} }

func (op *channelBiasOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("AddChannelBias", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *channelBiasOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("AddChannelBias", []string{"input", "bias"}, vs)
	if err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	if err := sameShape("AddChannelBias", "bias", shapes[1], tensor.Shape{c}); err != nil {
		return nil, err
	}
	y := op.out.floats(len(data[0]))
	kernels.AddChannelBias(n, c, hw, data[0], data[1], y)
	return newDense(shapes[0], y), nil
}

// SymDiff: ∂L/∂x is the upstream gradient itself, ∂L/∂b its per-channel sum.
func (op *channelBiasOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	db, err := gorgonia.ApplyOp(&channelSumOp{dims: op.dims}, grad)
	if err != nil {
		return nil, fmt.Errorf("AddChannelBias gradient for bias: %w", err)
	}
	return gorgonia.Nodes{grad, db}, nil
}

// channelSumOp sums a tensor over every axis but 1: (N, C, …) → (C).
type channelSumOp struct {
	pureOp
	dims int
}

func (op *channelSumOp) Arity() int            { return 1 }
func (op *channelSumOp) Type() hm.Type         { return fnType(tensorType(op.dims), tensorType(1)) }
func (op *channelSumOp) String() string        { return fmt.Sprintf("ChannelSum%dD", op.dims) }
func (op *channelSumOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *channelSumOp) Hashcode() uint32      { return hashOf(op) }

func (op *channelSumOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("ChannelSum", ds, 0)
	if err != nil {
		return nil, err
	}
	return tensor.Shape{x[1]}, nil
}

func (op *channelSumOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("ChannelSum", []string{"gradient"}, vs)
	if err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	db := op.out.floats(c)
	kernels.ChannelSum(n, c, hw, data[0], db)
	return newDense(tensor.Shape{c}, db), nil
}
