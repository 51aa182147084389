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

// SoftmaxCrossEntropy is nn.CrossEntropyLoss() (mean reduction): logits
// (N, K) and labels (N) holding class indices as float32 give the scalar
// mean of −log softmax(logits)[label]. It is differentiable with respect to
// the logits only; a label that is not an integer in [0, K) fails the run.
func SoftmaxCrossEntropy(logits, labels *gorgonia.Node) (*gorgonia.Node, error) {
	const name = "ops.SoftmaxCrossEntropy"
	if err := checkNode(name, "logits", logits, 2); err != nil {
		return nil, err
	}
	if err := checkNode(name, "labels", labels, 1); err != nil {
		return nil, err
	}
	if n := logits.Shape()[0]; labels.Shape()[0] != n {
		return nil, fmt.Errorf("%s: labels %s have shape %v, logits %s have %d rows",
			name, labels.Name(), labels.Shape(), logits.Name(), n)
	}
	return gorgonia.ApplyOp(&crossEntropyOp{}, logits, labels)
}

// classIndices converts float32 labels to ints, refusing fractions.
func classIndices(labels []float32) ([]int, error) {
	idx := make([]int, len(labels))
	for i, l := range labels {
		if l != float32(math.Trunc(float64(l))) {
			return nil, fmt.Errorf("cross-entropy: label %v of row %d is not a class index", l, i)
		}
		idx[i] = int(l)
	}
	return idx, nil
}

// crossEntropyOp maps (logits, labels) to the mean loss, a float32 scalar.
type crossEntropyOp struct{ pureOp }

func (op *crossEntropyOp) Arity() int { return 2 }
func (op *crossEntropyOp) Type() hm.Type {
	return fnType(tensorType(2), tensorType(1), tensor.Float32)
}
func (op *crossEntropyOp) String() string            { return "SoftmaxCrossEntropy" }
func (op *crossEntropyOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *crossEntropyOp) Hashcode() uint32          { return hashOf(op) }
func (op *crossEntropyOp) DiffWRT(inputs int) []bool { return []bool{true, false} }

func (op *crossEntropyOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

// decode checks the logits and labels values and returns n, k and the labels
// as class indices.
func decodeCrossEntropy(op string, shapes []tensor.Shape, labels []float32) (n, k int, idx []int, err error) {
	if shapes[0].Dims() != 2 {
		return 0, 0, nil, fmt.Errorf("%s: logits %v must be (N, K)", op, shapes[0])
	}
	n, k = shapes[0][0], shapes[0][1]
	if err := sameShape(op, "labels", shapes[1], tensor.Shape{n}); err != nil {
		return 0, 0, nil, err
	}
	idx, err = classIndices(labels)
	return n, k, idx, err
}

func (op *crossEntropyOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("SoftmaxCrossEntropy", []string{"logits", "labels"}, vs)
	if err != nil {
		return nil, err
	}
	n, k, labels, err := decodeCrossEntropy("SoftmaxCrossEntropy", shapes, data[1])
	if err != nil {
		return nil, err
	}
	loss, err := kernels.SoftmaxCrossEntropy(n, k, data[0], labels)
	if err != nil {
		return nil, err
	}
	return gorgonia.NewF32(loss), nil
}

// SymDiff returns the logits' gradient and nil for the labels.
func (op *crossEntropyOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	d, err := gorgonia.ApplyOp(&crossEntropyGradOp{}, in[0], in[1], grad)
	if err != nil {
		return nil, fmt.Errorf("SoftmaxCrossEntropy gradient: %w", err)
	}
	return gorgonia.Nodes{d, nil}, nil
}

// crossEntropyGradOp maps (logits, labels, dloss) to
// dloss·(softmax(logits) − onehot(labels))/N.
type crossEntropyGradOp struct{ pureOp }

func (op *crossEntropyGradOp) Arity() int { return 3 }
func (op *crossEntropyGradOp) Type() hm.Type {
	return fnType(tensorType(2), tensorType(1), tensor.Float32, tensorType(2))
}
func (op *crossEntropyGradOp) String() string        { return "SoftmaxCrossEntropyGrad" }
func (op *crossEntropyGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *crossEntropyGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *crossEntropyGradOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	s, err := shapeOf("SoftmaxCrossEntropyGrad", ds, 0)
	if err != nil {
		return nil, err
	}
	return s.Clone(), nil
}

func (op *crossEntropyGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	const name = "SoftmaxCrossEntropyGrad"
	if len(vs) != 3 {
		return nil, fmt.Errorf("%s: %d inputs, want 3", name, len(vs))
	}
	data, shapes, err := inputs(name, []string{"logits", "labels"}, vs[:2])
	if err != nil {
		return nil, err
	}
	scale, err := scalarData(name, "loss gradient", vs[2])
	if err != nil {
		return nil, err
	}
	n, k, labels, err := decodeCrossEntropy(name, shapes, data[1])
	if err != nil {
		return nil, err
	}
	d := op.out.floats(n * k)
	if err := kernels.SoftmaxCrossEntropyBackward(n, k, data[0], labels, scale, d); err != nil {
		return nil, err
	}
	return newDense(shapes[0], d), nil
}
