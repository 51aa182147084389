package ops

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// pureOp supplies the gorgonia.Op methods that are the same for every op in
// this package: each Do writes its result into memory the op owns (out,
// reused from run to run; no pointer to an input is returned, no input is
// overwritten) and runs Go code only.
type pureOp struct{ out outBuf }

func (pureOp) ReturnsPtr() bool     { return false }
func (pureOp) CallsExtern() bool    { return false }
func (pureOp) OverwritesInput() int { return -1 }

// hashOf hashes an op's description. gorgonia merges nodes whose op hash and
// children are equal, so String must name every parameter (and, for stateful
// ops, the state's address).
func hashOf(op fmt.Stringer) uint32 {
	h := fnv.New32a()
	writeHash(h, op)
	return h.Sum32()
}

func writeHash(h hash.Hash, op fmt.Stringer) { fmt.Fprint(h, op.String()) }

// tensorType is the gorgonia type of a float32 tensor with dims dimensions.
// Fixing the element type (rather than a type variable) makes gorgonia reject
// float64 graphs when the node is built.
func tensorType(dims int) hm.Type { return gorgonia.TensorType{Dims: dims, Of: tensor.Float32} }

// fnType is the type of an op from its argument types to its result type.
func fnType(ts ...hm.Type) hm.Type { return hm.NewFnType(ts...) }

// checkNode returns a descriptive error unless n is a float32 tensor with
// the given number of dimensions (0 accepts any).
func checkNode(op, what string, n *gorgonia.Node, dims int) error {
	if n == nil {
		return fmt.Errorf("%s: %s is nil", op, what)
	}
	if dt := n.Dtype(); dt != tensor.Float32 {
		return fmt.Errorf("%s: %s %s is %v, want float32", op, what, n.Name(), dt)
	}
	if dims > 0 && n.Shape().Dims() != dims {
		return fmt.Errorf("%s: %s %s has shape %v, want %d dimensions", op, what, n.Name(), n.Shape(), dims)
	}
	return nil
}

// shapeOf converts the i-th DimSizer given to InferShape to a shape.
func shapeOf(op string, ds []gorgonia.DimSizer, i int) (tensor.Shape, error) {
	if i >= len(ds) {
		return nil, fmt.Errorf("%s: %d inputs, need input %d", op, len(ds), i)
	}
	s, ok := ds[i].(tensor.Shape)
	if !ok {
		return nil, fmt.Errorf("%s: input %d has no shape (%T)", op, i, ds[i])
	}
	return s, nil
}

// sameShape returns an error unless got equals want.
func sameShape(op, what string, got, want tensor.Shape) error {
	if !got.Eq(want) {
		return fmt.Errorf("%s: %s has shape %v, want %v", op, what, got, want)
	}
	return nil
}
