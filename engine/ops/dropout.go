package ops

import (
	"fmt"
	"hash"
	"math"
	"math/rand"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// DropoutState is shared by pointer between the graph and its owner.
// Training is read at every run; Rand, seeded by the caller, makes training
// reproducible and must be set while Training is true.
type DropoutState struct {
	Training bool
	Rand     *rand.Rand
}

// Dropout is nn.Dropout(p), inverted dropout: in training mode each element
// is zeroed with probability p and the survivors are scaled by 1/(1−p), so
// eval mode is the identity. A new mask is drawn at every training-mode run;
// the gradient reuses the mask of the same run.
func Dropout(x *gorgonia.Node, p float64, st *DropoutState) (*gorgonia.Node, error) {
	if err := checkNode("ops.Dropout", "input", x, 0); err != nil {
		return nil, err
	}
	if x.Dims() == 0 {
		return nil, fmt.Errorf("ops.Dropout: input %s is a scalar, want a tensor", x.Name())
	}
	if !(p >= 0 && p <= 1) {
		return nil, fmt.Errorf("ops.Dropout: probability %v must be in [0, 1]", p)
	}
	if st == nil {
		return nil, fmt.Errorf("ops.Dropout: input %s: no state", x.Name())
	}
	return gorgonia.ApplyOp(&dropoutOp{p: p, st: st, mask: &dropoutMask{}, dims: x.Dims()}, x)
}

// dropoutMask is what the forward op of one run hands to its gradient op: the
// per-element factors (0 or 1/(1−p)), or nil when the run was in eval mode.
type dropoutMask struct{ scale []float32 }

// apply returns v ⊙ mask (a copy of v in eval mode), written into buf.
func (m *dropoutMask) apply(v []float32, buf *outBuf) ([]float32, error) {
	out := buf.floats(len(v))
	if m.scale == nil {
		copy(out, v)
		return out, nil
	}
	if len(m.scale) != len(v) {
		return nil, fmt.Errorf("dropout: mask has %d elements, tensor %d", len(m.scale), len(v))
	}
	for i, s := range m.scale {
		out[i] = v[i] * s
	}
	return out, nil
}

// dropoutOp draws the mask and applies it.
type dropoutOp struct {
	pureOp
	p       float64
	st      *DropoutState
	mask    *dropoutMask
	maskBuf outBuf
	dims    int
}

func (op *dropoutOp) Arity() int    { return 1 }
func (op *dropoutOp) Type() hm.Type { return fnType(tensorType(op.dims), tensorType(op.dims)) }

// String names the mask's address: every Dropout call is a distinct layer
// with its own mask, even on the same input.
func (op *dropoutOp) String() string            { return fmt.Sprintf("Dropout(p=%v, mask %p)", op.p, op.mask) }
func (op *dropoutOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *dropoutOp) Hashcode() uint32          { return hashOf(op) }
func (op *dropoutOp) DiffWRT(inputs int) []bool { return []bool{true} }

func (op *dropoutOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf("Dropout", ds, 0)
	if err != nil {
		return nil, err
	}
	return x.Clone(), nil
}

func (op *dropoutOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("Dropout", []string{"input"}, vs)
	if err != nil {
		return nil, err
	}
	if err := op.drawMask(len(data[0])); err != nil {
		return nil, err
	}
	y, err := op.mask.apply(data[0], &op.out)
	if err != nil {
		return nil, err
	}
	return newDense(shapes[0], y), nil
}

// drawMask sets the mask for this run: nil in eval mode or when p is 0.
func (op *dropoutOp) drawMask(n int) error {
	if !op.st.Training || op.p == 0 {
		op.mask.scale = nil
		return nil
	}
	if op.st.Rand == nil {
		return fmt.Errorf("dropout: training mode needs a random source (DropoutState.Rand)")
	}
	keep := float32(0)
	if op.p < 1 {
		keep = float32(1 / (1 - op.p))
	}
	scale := op.maskBuf.floats(n) // every element is set below
	// rand.Float64's draw, in integers: f = Int63/2⁶³, drawn again where it
	// rounds to 1, and kept where f ≥ p. Converting to float64 never
	// reorders integers, so f ≥ p exactly when Int63 ≥ first (and f rounds
	// to 1 exactly when Int63 ≥ last). The same numbers from the same seed,
	// without a branch the processor mispredicts half the time at p = 0.5:
	// SqueezeNet's mask (1.4 million elements at batch 16) took 14 ms, now 5.
	rng := op.st.Rand
	first, last := firstInt63AtLeast(op.p), firstInt63AtLeast(1)
	factor := [2]float32{keep, 0} // indexed by the sign bit of v − first
	for i := range scale {
		v := rng.Int63()
		for v >= last {
			v = rng.Int63()
		}
		scale[i] = factor[uint64(v-first)>>63]
	}
	op.mask.scale = scale
	return nil
}

// firstInt63AtLeast is the smallest v in [0, 2⁶³) whose float64(v)/2⁶³
// is at least f, for 0 ≤ f ≤ 1.
func firstInt63AtLeast(f float64) int64 {
	target := f * (1 << 63)                  // exact: a scaling by a power of two
	lo, hi := int64(0), int64(math.MaxInt64) // float64(MaxInt64) is 2⁶³
	for lo < hi {
		mid := lo + (hi-lo)/2
		if float64(mid) >= target {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func (op *dropoutOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx, err := gorgonia.ApplyOp(&dropoutGradOp{mask: op.mask, dims: op.dims}, grad)
	if err != nil {
		return nil, fmt.Errorf("Dropout gradient: %w", err)
	}
	return gorgonia.Nodes{dx}, nil
}

// dropoutGradOp maps dy to dy ⊙ mask, with the mask its forward op drew in
// this run (the gradient node always runs after the forward node: it depends
// on the cost, which depends on the forward output).
type dropoutGradOp struct {
	pureOp
	mask *dropoutMask
	dims int
}

func (op *dropoutGradOp) Arity() int            { return 1 }
func (op *dropoutGradOp) Type() hm.Type         { return fnType(tensorType(op.dims), tensorType(op.dims)) }
func (op *dropoutGradOp) String() string        { return fmt.Sprintf("DropoutGrad(mask %p)", op.mask) }
func (op *dropoutGradOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *dropoutGradOp) Hashcode() uint32      { return hashOf(op) }

func (op *dropoutGradOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	dy, err := shapeOf("DropoutGrad", ds, 0)
	if err != nil {
		return nil, err
	}
	return dy.Clone(), nil
}

func (op *dropoutGradOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("DropoutGrad", []string{"output gradient"}, vs)
	if err != nil {
		return nil, err
	}
	dx, err := op.mask.apply(data[0], &op.out)
	if err != nil {
		return nil, err
	}
	return newDense(shapes[0], dx), nil
}
