package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// MaxPool2d is nn.MaxPool2d (dilation 1): padding never wins, ties go to the
// first maximum, ceil mode follows PyTorch's rule for the last window.
func MaxPool2d(x *gorgonia.Node, o PoolOpts) (*gorgonia.Node, error) {
	return applyPool(x, poolOp{name: "MaxPool2d", opts: o}, func(p poolOp) gorgonia.Op {
		return &maxPoolOp{poolOp: p}
	})
}

// maxPoolOp pools its input. Once a gradient op exists (SymDiff), each run
// also records the argmax, which that run's gradient op then reuses (run
// counts the forward runs; the gradient op of a run follows its forward).
// Without a gradient op, as in inference graphs, no argmax is computed.
type maxPoolOp struct {
	poolOp
	keepArgmax bool
	argmax     int32Buf
	run        uint64
}

func (op *maxPoolOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	x, g, y, err := op.forwardArgs(vs)
	if err != nil {
		return nil, err
	}
	op.run++
	var argmax []int32
	if op.keepArgmax {
		argmax = op.argmax.ints(g.YSize())
	}
	kernels.MaxPool2d(g, x, y, argmax)
	return newDense(poolOutShape(g), y), nil
}

func (op *maxPoolOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	op.keepArgmax = true
	gradOp := &maxPoolGradOp{opts: op.opts, fwd: op}
	if m, ok := in[0].Op().(maskedOutput); ok {
		// The pooled input's own gradient would mask dx by it next (the
		// ReLU before the pool); the routing does it on its way.
		if on, lo, hi := m.outputMask(); on {
			gradOp.maskBy, gradOp.lo, gradOp.hi = in[0], lo, hi
		}
	}
	dx, err := gorgonia.ApplyOp(gradOp, in[0], grad)
	if err != nil {
		return nil, fmt.Errorf("MaxPool2d gradient: %w", err)
	}
	return gorgonia.Nodes{dx}, nil
}

// maxPoolGradOp maps (x, dy) to ∂L/∂x: each output gradient goes to the
// element that won its window. With maskBy (x's node) set, only to winners
// strictly inside (lo, hi): x's activation gradient, which then passes dx on
// unchanged (see Activation.gradient).
type maxPoolGradOp struct {
	pureOp
	fwd    *maxPoolOp // whose argmax of the current run it reuses
	seen   uint64     // the forward run it last used
	y      outBuf
	argmax int32Buf
	opts   PoolOpts
	maskBy *gorgonia.Node
	lo, hi float32
}

// masks reports whether op already applies the activation mask of y.
func (op *maxPoolGradOp) masks(y *gorgonia.Node, lo, hi float32) bool {
	return op.maskBy == y && op.lo == lo && op.hi == hi
}

func (op *maxPoolGradOp) Arity() int    { return 2 }
func (op *maxPoolGradOp) Type() hm.Type { return fnType(tensorType(4), tensorType(4), tensorType(4)) }
func (op *maxPoolGradOp) String() string {
	if op.maskBy != nil {
		return fmt.Sprintf("MaxPool2dGrad%+vMasked[%v,%v]", op.opts, op.lo, op.hi)
	}
	return fmt.Sprintf("MaxPool2dGrad%+v", op.opts)
}
func (op *maxPoolGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *maxPoolGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *maxPoolGradOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("MaxPool2dGrad", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *maxPoolGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("MaxPool2dGrad", []string{"input", "output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(shapes[0])
	if err != nil {
		return nil, err
	}
	if err := sameShape("MaxPool2dGrad", "output gradient", shapes[1], poolOutShape(g)); err != nil {
		return nil, err
	}
	var argmax []int32
	if f := op.fwd; f != nil && f.keepArgmax && f.run != op.seen && len(f.argmax.data) == g.YSize() {
		argmax, op.seen = f.argmax.data, f.run // this run's forward recorded it
	} else {
		argmax = op.argmax.ints(g.YSize())
		kernels.MaxPool2d(g, data[0], op.y.floats(g.YSize()), argmax)
	}
	dx := op.out.floats(g.XSize())
	if op.maskBy != nil {
		kernels.MaxPool2dBackwardMasked(g, data[0], data[1], argmax, op.lo, op.hi, dx)
	} else {
		kernels.MaxPool2dBackward(g, data[1], argmax, dx)
	}
	return newDense(shapes[0], dx), nil
}
