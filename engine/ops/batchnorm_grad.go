package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// Which gradient a batchNormGradOp computes.
const (
	bnGradInput = iota
	bnGradGamma
	bnGradBeta
)

// batchNormGradOp maps (x, gamma, dy) to the gradient for input `which` of
// its forward op. It uses the statistics the forward used (the batch's in
// training mode, the running ones in eval mode) and the channel sums the
// first gradient op of the run computed.
type batchNormGradOp struct {
	pureOp
	fwd   *batchNormOp
	which int
}

func (op *batchNormGradOp) Arity() int { return 3 }
func (op *batchNormGradOp) Type() hm.Type {
	out := tensorType(4)
	if op.which != bnGradInput {
		out = tensorType(1)
	}
	return fnType(tensorType(4), tensorType(1), tensorType(4), out)
}
func (op *batchNormGradOp) String() string {
	return fmt.Sprintf("BatchNorm2dGrad%d(state %p)", op.which, op.fwd.st)
}
func (op *batchNormGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *batchNormGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *batchNormGradOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("BatchNorm2dGrad", ds, 0)
	if err != nil {
		return nil, err
	}
	if op.which == bnGradInput {
		return x.Clone(), nil
	}
	return tensor.Shape{x[1]}, nil
}

func (op *batchNormGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("BatchNorm2dGrad", []string{"input", "weight", "output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	if err := sameShape("BatchNorm2dGrad", "output gradient", shapes[2], shapes[0]); err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	mean, variance, err := op.fwd.stats(n, c, hw, data[0])
	if err != nil {
		return nil, err
	}
	var out kernels.BatchNormGrads
	var result []float32
	shape := tensor.Shape{c}
	switch op.which {
	case bnGradInput:
		result, shape = op.out.floats(len(data[0])), shapes[0]
		out.DX = result
	case bnGradGamma:
		result = op.out.floats(c)
		out.DGamma = result
	default:
		result = op.out.floats(c)
		out.DBeta = result
	}
	f := op.fwd
	if f.sums.run != f.run || len(f.sums.sumDy) != c {
		f.sums.sumDy, f.sums.sumDyXhat = growF64(f.sums.sumDy, c), growF64(f.sums.sumDyXhat, c)
		kernels.BatchNormSums(n, c, hw, data[0], data[2], mean, variance, f.st.Eps, f.sums.sumDy, f.sums.sumDyXhat)
		f.sums.run = f.run
	}
	kernels.BatchNormBackwardFromSums(n, c, hw, f.st.Training, data[0], data[2], mean, variance, data[1], f.st.Eps,
		f.sums.sumDy, f.sums.sumDyXhat, out)
	return newDense(shape, result), nil
}

func growF64(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}
