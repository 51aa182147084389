package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// BatchNormState is a BatchNorm2d layer's buffers and mode, shared by pointer
// between the graph and its owner (the model). Training is read at every
// run, so one graph switches between train and eval. In training mode each
// run normalises with the batch statistics and updates Mean and Var IN PLACE
// (torch's running_mean/running_var, with the unbiased batch variance); in
// eval mode Mean and Var are used as they are. Eps is torch's eps (1e-5) and
// Momentum torch's momentum (0.1).
type BatchNormState struct {
	Mean, Var     []float32
	Eps, Momentum float32
	Training      bool
}

// validate checks the state against the channel count c.
func (st *BatchNormState) validate(c int) error {
	switch {
	case st == nil:
		return fmt.Errorf("batch norm: no state")
	case len(st.Mean) != c || len(st.Var) != c:
		return fmt.Errorf("batch norm: running mean (%d) and variance (%d) must have %d channels",
			len(st.Mean), len(st.Var), c)
	case st.Eps < 0 || st.Momentum < 0 || st.Momentum > 1:
		return fmt.Errorf("batch norm: eps %v must be ≥ 0 and momentum %v in [0, 1]", st.Eps, st.Momentum)
	}
	return nil
}

// BatchNorm2d is nn.BatchNorm2d: x (N, C, H, W), gamma and beta (C). See
// BatchNormState for the two modes.
func BatchNorm2d(x, gamma, beta *gorgonia.Node, st *BatchNormState) (*gorgonia.Node, error) {
	const name = "ops.BatchNorm2d"
	if err := checkNode(name, "input", x, 4); err != nil {
		return nil, err
	}
	c := x.Shape()[1]
	for _, p := range []struct {
		what string
		n    *gorgonia.Node
	}{{"weight (gamma)", gamma}, {"bias (beta)", beta}} {
		if err := checkNode(name, p.what, p.n, 1); err != nil {
			return nil, err
		}
		if p.n.Shape()[0] != c {
			return nil, fmt.Errorf("%s: %s %s has shape %v, input %s has %d channels",
				name, p.what, p.n.Name(), p.n.Shape(), x.Name(), c)
		}
	}
	if err := st.validate(c); err != nil {
		return nil, fmt.Errorf("%s: input %s: %w", name, x.Name(), err)
	}
	return gorgonia.ApplyOp(&batchNormOp{st: st}, x, gamma, beta)
}

// batchNormOp normalises (x, gamma, beta) according to its state.
//
// In training mode it keeps the batch statistics of its latest run, and its
// gradient ops share one set of channel sums per run (run counts the forward
// runs; the gradient ops of a run always follow its forward run), so a
// training step reduces over each activation once instead of six times.
type batchNormOp struct {
	pureOp
	st             *BatchNormState
	run            uint64
	mean, variance outBuf // batch statistics of run statsRun
	statsRun       uint64
	sums           bnSums
}

// bnSums are BatchNormSums of one run, shared by the three gradient ops.
type bnSums struct {
	run              uint64
	sumDy, sumDyXhat []float64
}

func (op *batchNormOp) Arity() int { return 3 }
func (op *batchNormOp) Type() hm.Type {
	return fnType(tensorType(4), tensorType(1), tensorType(1), tensorType(4))
}

// String names the state's address: two layers with equal options on the
// same input are still different layers and gorgonia must not merge them.
func (op *batchNormOp) String() string            { return fmt.Sprintf("BatchNorm2d(state %p)", op.st) }
func (op *batchNormOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *batchNormOp) Hashcode() uint32          { return hashOf(op) }
func (op *batchNormOp) DiffWRT(inputs int) []bool { return []bool{true, true, true} }

func (op *batchNormOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("BatchNorm2d", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *batchNormOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("BatchNorm2d", []string{"input", "weight", "bias"}, vs)
	if err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	op.run++
	mean, variance, err := op.stats(n, c, hw, data[0])
	if err != nil {
		return nil, err
	}
	y := op.out.floats(len(data[0]))
	kernels.BatchNormForward(n, c, hw, data[0], mean, variance, data[1], data[2], op.st.Eps, y)
	if op.st.Training {
		kernels.BatchNormUpdateRunning(n*hw, op.st.Momentum, mean, variance, op.st.Mean, op.st.Var)
	}
	return newDense(shapes[0], y), nil
}

// stats returns the statistics to normalise x with: the batch's in training
// mode, the running ones in eval mode. The gradient ops call it too, so
// forward and backward agree within a run; the batch statistics are computed
// once per run.
func (op *batchNormOp) stats(n, c, hw int, x []float32) (mean, variance []float32, err error) {
	if err := op.st.validate(c); err != nil {
		return nil, nil, err
	}
	if !op.st.Training {
		return op.st.Mean, op.st.Var, nil
	}
	if n*hw < 2 {
		return nil, nil, fmt.Errorf("batch norm: training needs more than one value per channel, input is (%d, %d, %d)",
			n, c, hw)
	}
	mean, variance = op.mean.floats(c), op.variance.floats(c)
	if op.statsRun != op.run {
		kernels.BatchNormStats(n, c, hw, x, mean, variance)
		op.statsRun = op.run
	}
	return mean, variance, nil
}

// SymDiff builds one gradient op per input, each from (x, gamma, dy).
func (op *batchNormOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	grads := make(gorgonia.Nodes, 3)
	for which := range grads {
		g, err := gorgonia.ApplyOp(&batchNormGradOp{fwd: op, which: which}, in[0], in[1], grad)
		if err != nil {
			return nil, fmt.Errorf("BatchNorm2d gradient %d: %w", which, err)
		}
		grads[which] = g
	}
	return grads, nil
}
