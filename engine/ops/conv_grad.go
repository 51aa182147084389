package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// convGradInputOp maps (w, dy) to ∂L/∂x, the transposed convolution. It keeps
// the input shape x because strides make it ambiguous from dy alone.
type convGradInputOp struct {
	pureOp
	opts ConvOpts
	x    tensor.Shape
}

func (op *convGradInputOp) Arity() int            { return 2 }
func (op *convGradInputOp) Type() hm.Type         { return fnType(tensorType(4), tensorType(4), tensorType(4)) }
func (op *convGradInputOp) String() string        { return fmt.Sprintf("Conv2dGradInput%v%+v", op.x, op.opts) }
func (op *convGradInputOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *convGradInputOp) Hashcode() uint32      { return hashOf(op) }

func (op *convGradInputOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.x.Clone(), nil
}

func (op *convGradInputOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("Conv2dGradInput", []string{"weight", "output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(op.x, shapes[0])
	if err != nil {
		return nil, err
	}
	if err := sameShape("Conv2dGradInput", "output gradient", shapes[1], convOutShape(g)); err != nil {
		return nil, err
	}
	dx := op.out.floats(g.XSize())
	kernels.Conv2dBackwardData(g, data[1], data[0], dx)
	return newDense(op.x, dx), nil
}

// convGradWeightOp maps (x, dy) to ∂L/∂w summed over the batch.
type convGradWeightOp struct {
	pureOp
	opts ConvOpts
	w    tensor.Shape
}

func (op *convGradWeightOp) Arity() int { return 2 }
func (op *convGradWeightOp) Type() hm.Type {
	return fnType(tensorType(4), tensorType(4), tensorType(4))
}
func (op *convGradWeightOp) String() string {
	return fmt.Sprintf("Conv2dGradWeight%v%+v", op.w, op.opts)
}
func (op *convGradWeightOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *convGradWeightOp) Hashcode() uint32      { return hashOf(op) }

func (op *convGradWeightOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.w.Clone(), nil
}

func (op *convGradWeightOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("Conv2dGradWeight", []string{"input", "output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(shapes[0], op.w)
	if err != nil {
		return nil, err
	}
	if err := sameShape("Conv2dGradWeight", "output gradient", shapes[1], convOutShape(g)); err != nil {
		return nil, err
	}
	dw := op.out.floats(g.WSize())
	kernels.Conv2dBackwardWeights(g, data[0], data[1], dw)
	return newDense(op.w, dw), nil
}

func convOutShape(g kernels.ConvGeom) tensor.Shape {
	return tensor.Shape{g.N, g.OutC, g.OutH(), g.OutW()}
}
