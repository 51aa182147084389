package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// Activation is the clamp a fused op applies to its result.
type Activation int

const (
	ActNone  Activation = iota
	ActReLU             // max(x, 0)
	ActReLU6            // min(max(x, 0), 6)
)

func (a Activation) String() string {
	return [...]string{"none", "relu", "relu6"}[a]
}

// clamp returns the activation's interval and whether there is one.
func (a Activation) clamp() (on bool, lo, hi float32) {
	if a == ActNone {
		return false, 0, 0
	}
	lo, hi = kernels.ReLU(a == ActReLU6)
	return true, lo, hi
}

// gradient masks the upstream gradient by the activation's derivative, read
// from the op's output y: for y = clamp(z, lo, hi), lo < y < hi exactly where
// lo < z < hi, so this is PyTorch's threshold/hardtanh backward.
func (a Activation) gradient(y, grad *gorgonia.Node) (*gorgonia.Node, error) {
	on, lo, hi := a.clamp()
	if !on {
		return grad, nil
	}
	if m, ok := grad.Op().(gradMasker); ok && m.masks(y, lo, hi) {
		return grad, nil // ConcatChannels' or MaxPool2d's gradient masked it already
	}
	return gorgonia.ApplyOp(&clampGradOp{lo: lo, hi: hi, dims: y.Dims()}, y, grad)
}

// ConvFused is conv2d with its bias and activation in one op:
// y = act(conv(x, w) + b), with b (OutC) optional (nil). The bias and the
// activation are applied to each output tile while it is in cache, so the
// layer costs one pass over memory instead of three. Its gradient is the
// activation's mask followed by the usual convolution and bias gradients.
func ConvFused(x, w, b *gorgonia.Node, o ConvOpts, act Activation) (*gorgonia.Node, error) {
	const name = "ops.ConvFused"
	o, err := checkConv(name, x, w, o)
	if err != nil {
		return nil, err
	}
	in := gorgonia.Nodes{x, w}
	if b != nil {
		if err := checkChannels(name, "bias", b, w.Shape()[0]); err != nil {
			return nil, err
		}
		in = append(in, b)
	}
	return gorgonia.ApplyOp(&convFusedOp{opts: o, bias: b != nil, act: act}, in...)
}

// ConvBatchNorm is conv2d (without bias) followed by BatchNorm2d and the
// activation, for inference graphs: in evaluation mode the batch norm is an
// affine map per channel, folded into the convolution's output tiles, and
// the result equals the three separate layers bit for bit. Should the state
// be in training mode when the graph runs, the op normalises with the batch
// statistics and updates the running ones, exactly as BatchNorm2d does. It
// has no gradient: training graphs use Conv2d, BatchNorm2d and ReLU.
func ConvBatchNorm(x, w, gamma, beta *gorgonia.Node, st *BatchNormState, o ConvOpts, act Activation) (*gorgonia.Node, error) {
	const name = "ops.ConvBatchNorm"
	o, err := checkConv(name, x, w, o)
	if err != nil {
		return nil, err
	}
	c := w.Shape()[0]
	if err := checkChannels(name, "weight (gamma)", gamma, c); err != nil {
		return nil, err
	}
	if err := checkChannels(name, "bias (beta)", beta, c); err != nil {
		return nil, err
	}
	if err := st.validate(c); err != nil {
		return nil, fmt.Errorf("%s: input %s: %w", name, x.Name(), err)
	}
	return gorgonia.ApplyOp(&convFusedOp{opts: o, bn: st, act: act}, x, w, gamma, beta)
}

func checkConv(name string, x, w *gorgonia.Node, o ConvOpts) (ConvOpts, error) {
	if err := checkNode(name, "input", x, 4); err != nil {
		return o, err
	}
	if err := checkNode(name, "weight", w, 4); err != nil {
		return o, err
	}
	o = o.withDefaults()
	if _, err := o.geom(x.Shape(), w.Shape()); err != nil {
		return o, fmt.Errorf("%s: input %s, weight %s: %w", name, x.Name(), w.Name(), err)
	}
	return o, nil
}

func checkChannels(name, what string, n *gorgonia.Node, c int) error {
	if err := checkNode(name, what, n, 1); err != nil {
		return err
	}
	if n.Shape()[0] != c {
		return fmt.Errorf("%s: %s %s has shape %v, want (%d)", name, what, n.Name(), n.Shape(), c)
	}
	return nil
}

// convFusedOp computes act(BN(conv(x, w) + b)) with the optional parts
// present as flagged; inputs are x, w, then b when bias, then gamma and beta
// when bn is set.
type convFusedOp struct {
	pureOp
	opts         ConvOpts
	bias         bool
	bn           *BatchNormState
	act          Activation
	scale, shift outBuf
	mean, vari   outBuf
}

// outputMask is the activation's clamp (see maskedOutput); ConvBatchNorm
// has no gradient, so none.
func (op *convFusedOp) outputMask() (on bool, lo, hi float32) {
	if op.bn != nil {
		return false, 0, 0
	}
	return op.act.clamp()
}

func (op *convFusedOp) Arity() int {
	n := 2
	if op.bias {
		n++
	}
	if op.bn != nil {
		n += 2
	}
	return n
}

func (op *convFusedOp) Type() hm.Type {
	ts := []hm.Type{tensorType(4), tensorType(4)}
	for range op.Arity() - 2 {
		ts = append(ts, tensorType(1))
	}
	return fnType(append(ts, tensorType(4))...)
}

// String names the BatchNorm state's address, like BatchNorm2d, so two
// layers are never merged.
func (op *convFusedOp) String() string {
	bn := "none"
	if op.bn != nil {
		bn = fmt.Sprintf("%p", op.bn)
	}
	return fmt.Sprintf("ConvFused%+v(bias=%v,bn=%s,act=%v)", op.opts, op.bias, bn, op.act)
}
func (op *convFusedOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *convFusedOp) Hashcode() uint32      { return hashOf(op) }
func (op *convFusedOp) DiffWRT(inputs int) []bool {
	d := make([]bool, inputs)
	for i := range d {
		d[i] = true
	}
	d[0] = !op.opts.NoInputGrad
	return d
}

func (op *convFusedOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.opts.outShape("ConvFused", ds)
}

func (op *convFusedOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	names := []string{"input", "weight"}
	if op.bias {
		names = append(names, "bias")
	}
	if op.bn != nil {
		names = append(names, "gamma", "beta")
	}
	data, shapes, err := inputs("ConvFused", names, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(shapes[0], shapes[1])
	if err != nil {
		return nil, err
	}
	for i := 2; i < len(shapes); i++ {
		if err := sameShape("ConvFused", names[i], shapes[i], tensor.Shape{g.OutC}); err != nil {
			return nil, err
		}
	}
	var bias []float32
	if op.bias {
		bias = data[2]
	}
	y := op.out.floats(g.YSize())
	e := &kernels.Epilogue{Shift: bias}
	e.Clamp, e.Lo, e.Hi = op.act.clamp()
	if op.bn != nil {
		if err := op.bn.validate(g.OutC); err != nil {
			return nil, err
		}
		gamma, beta := data[len(data)-2], data[len(data)-1]
		if op.bn.Training {
			return op.doTraining(g, data[0], data[1], bias, gamma, beta, y)
		}
		e.Scale, e.Shift = op.scale.floats(g.OutC), op.shift.floats(g.OutC)
		kernels.BatchNormFold(op.bn.Mean, op.bn.Var, gamma, beta, bias, op.bn.Eps, e.Scale, e.Shift)
	}
	kernels.Conv2dFused(g, data[0], data[1], e, y)
	return newDense(convOutShape(g), y), nil
}

// doTraining is the unfused path for a state switched to training mode:
// convolution (with bias), batch statistics, normalisation with the running
// statistics updated, then the activation, each as BatchNorm2d and ReLU do.
func (op *convFusedOp) doTraining(g kernels.ConvGeom, x, w, bias, gamma, beta, y []float32) (gorgonia.Value, error) {
	kernels.Conv2dFused(g, x, w, &kernels.Epilogue{Shift: bias}, y)
	n, c, hw := g.N, g.OutC, g.OutH()*g.OutW()
	if n*hw < 2 {
		return nil, fmt.Errorf("batch norm: training needs more than one value per channel, input is (%d, %d, %d)", n, c, hw)
	}
	mean, variance := op.mean.floats(c), op.vari.floats(c)
	kernels.BatchNormStats(n, c, hw, y, mean, variance)
	kernels.BatchNormForward(n, c, hw, y, mean, variance, gamma, beta, op.bn.Eps, y)
	kernels.BatchNormUpdateRunning(n*hw, op.bn.Momentum, mean, variance, op.bn.Mean, op.bn.Var)
	if on, lo, hi := op.act.clamp(); on {
		kernels.Clamp(y, lo, hi, y)
	}
	return newDense(convOutShape(g), y), nil
}

// SymDiff: dz = act'(y)·dy, then ∂x = convGradInput(w, dz),
// ∂w = convGradWeight(x, dz) and ∂b = Σ dz per channel.
func (op *convFusedOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	if op.bn != nil {
		return nil, fmt.Errorf("ConvBatchNorm has no gradient: build training graphs with Conv2d and BatchNorm2d")
	}
	dz, err := op.act.gradient(out, grad)
	if err != nil {
		return nil, fmt.Errorf("ConvFused activation gradient: %w", err)
	}
	grads, err := convGrads(op.opts, in[0], in[1], dz)
	if err != nil {
		return nil, fmt.Errorf("ConvFused: %w", err)
	}
	if op.bias {
		db, err := gorgonia.ApplyOp(&channelSumOp{dims: 4}, dz)
		if err != nil {
			return nil, fmt.Errorf("ConvFused gradient for bias: %w", err)
		}
		grads = append(grads, db)
	}
	return grads, nil
}

// AddAct is a + b followed by the activation, in one pass: ResNet's residual
// connection and the ReLU after it, or MobileNetV2's (ActNone).
func AddAct(a, b *gorgonia.Node, act Activation) (*gorgonia.Node, error) {
	const name = "ops.AddAct"
	if err := checkNode(name, "first input", a, 0); err != nil {
		return nil, err
	}
	if err := checkNode(name, "second input", b, 0); err != nil {
		return nil, err
	}
	if a.Dims() == 0 || !a.Shape().Eq(b.Shape()) {
		return nil, fmt.Errorf("%s: inputs %s %v and %s %v must be tensors of one shape",
			name, a.Name(), a.Shape(), b.Name(), b.Shape())
	}
	return gorgonia.ApplyOp(&addActOp{act: act, dims: a.Dims()}, a, b)
}

type addActOp struct {
	pureOp
	act  Activation
	dims int
}

func (op *addActOp) Arity() int { return 2 }
func (op *addActOp) Type() hm.Type {
	return fnType(tensorType(op.dims), tensorType(op.dims), tensorType(op.dims))
}
func (op *addActOp) String() string            { return fmt.Sprintf("AddAct(%v)", op.act) }
func (op *addActOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *addActOp) Hashcode() uint32          { return hashOf(op) }
func (op *addActOp) DiffWRT(inputs int) []bool { return []bool{true, true} }

func (op *addActOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	a, err := shapeOf("AddAct", ds, 0)
	if err != nil {
		return nil, err
	}
	return a.Clone(), nil
}

func (op *addActOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("AddAct", []string{"first input", "second input"}, vs)
	if err != nil {
		return nil, err
	}
	if err := sameShape("AddAct", "second input", shapes[1], shapes[0]); err != nil {
		return nil, err
	}
	y := op.out.floats(len(data[0]))
	on, lo, hi := op.act.clamp()
	kernels.AddClamp(data[0], data[1], on, lo, hi, y)
	return newDense(shapes[0], y), nil
}

// SymDiff: both inputs receive the masked upstream gradient.
func (op *addActOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	d, err := op.act.gradient(out, grad)
	if err != nil {
		return nil, fmt.Errorf("AddAct gradient: %w", err)
	}
	return gorgonia.Nodes{d, d}, nil
}
