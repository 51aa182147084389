package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// AdaptiveAvgPool2d is nn.AdaptiveAvgPool2d((outH, outW)): (N, C, H, W) →
// (N, C, outH, outW) with PyTorch's bins ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉.
// AdaptiveAvgPool2d(x, 1, 1) is the global average pool of ResNet and
// MobileNetV2.
func AdaptiveAvgPool2d(x *gorgonia.Node, outH, outW int) (*gorgonia.Node, error) {
	if err := checkNode("ops.AdaptiveAvgPool2d", "input", x, 4); err != nil {
		return nil, err
	}
	s := x.Shape()
	if err := kernels.ValidateAdaptive(s[0], s[1], s[2], s[3], outH, outW); err != nil {
		return nil, fmt.Errorf("ops.AdaptiveAvgPool2d: input %s: %w", x.Name(), err)
	}
	return gorgonia.ApplyOp(&adaptiveAvgPoolOp{outH: outH, outW: outW}, x)
}

// adaptiveAvgPoolOp pools to a fixed output size.
type adaptiveAvgPoolOp struct {
	pureOp
	outH, outW int
}

func (op *adaptiveAvgPoolOp) Arity() int    { return 1 }
func (op *adaptiveAvgPoolOp) Type() hm.Type { return fnType(tensorType(4), tensorType(4)) }
func (op *adaptiveAvgPoolOp) String() string {
	return fmt.Sprintf("AdaptiveAvgPool2d(%d,%d)", op.outH, op.outW)
}
func (op *adaptiveAvgPoolOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *adaptiveAvgPoolOp) Hashcode() uint32          { return hashOf(op) }
func (op *adaptiveAvgPoolOp) DiffWRT(inputs int) []bool { return []bool{true} }

func (op *adaptiveAvgPoolOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("AdaptiveAvgPool2d", ds, 0)
	if err != nil {
		return nil, err
	}
	if x.Dims() != 4 {
		return nil, fmt.Errorf("AdaptiveAvgPool2d: input %v must be 4-D", x)
	}
	return tensor.Shape{x[0], x[1], op.outH, op.outW}, nil
}

func (op *adaptiveAvgPoolOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("AdaptiveAvgPool2d", []string{"input"}, vs)
	if err != nil {
		return nil, err
	}
	s := shapes[0]
	if err := kernels.ValidateAdaptive(s[0], s[1], s[2], s[3], op.outH, op.outW); err != nil {
		return nil, err
	}
	y := op.out.floats(s[0] * s[1] * op.outH * op.outW)
	kernels.AdaptiveAvgPool2d(s[0], s[1], s[2], s[3], op.outH, op.outW, data[0], y)
	return newDense(tensor.Shape{s[0], s[1], op.outH, op.outW}, y), nil
}

func (op *adaptiveAvgPoolOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	gop := &adaptiveAvgPoolGradOp{outH: op.outH, outW: op.outW, x: in[0].Shape().Clone()}
	dx, err := gorgonia.ApplyOp(gop, grad)
	if err != nil {
		return nil, fmt.Errorf("AdaptiveAvgPool2d gradient: %w", err)
	}
	return gorgonia.Nodes{dx}, nil
}

// adaptiveAvgPoolGradOp maps dy to ∂L/∂x (shape x).
type adaptiveAvgPoolGradOp struct {
	pureOp
	outH, outW int
	x          tensor.Shape
}

func (op *adaptiveAvgPoolGradOp) Arity() int    { return 1 }
func (op *adaptiveAvgPoolGradOp) Type() hm.Type { return fnType(tensorType(4), tensorType(4)) }
func (op *adaptiveAvgPoolGradOp) String() string {
	return fmt.Sprintf("AdaptiveAvgPool2dGrad%v(%d,%d)", op.x, op.outH, op.outW)
}
func (op *adaptiveAvgPoolGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *adaptiveAvgPoolGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *adaptiveAvgPoolGradOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.x.Clone(), nil
}

func (op *adaptiveAvgPoolGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("AdaptiveAvgPool2dGrad", []string{"output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	x := op.x
	if err := sameShape("AdaptiveAvgPool2dGrad", "output gradient", shapes[0],
		tensor.Shape{x[0], x[1], op.outH, op.outW}); err != nil {
		return nil, err
	}
	dx := op.out.floats(x.TotalSize())
	kernels.AdaptiveAvgPool2dBackward(x[0], x[1], x[2], x[3], op.outH, op.outW, data[0], dx)
	return newDense(x, dx), nil
}
