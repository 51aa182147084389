package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// ConcatChannels is torch.cat(xs, dim=1) for tensors (N, C_i, …) that agree
// on every other axis (SqueezeNet's fire modules). Its gradient hands each
// input its slice of channels.
func ConcatChannels(xs ...*gorgonia.Node) (*gorgonia.Node, error) {
	const name = "ops.ConcatChannels"
	if len(xs) == 0 {
		return nil, fmt.Errorf("%s: no inputs", name)
	}
	first := xs[0]
	for i, x := range xs {
		if err := checkNode(name, fmt.Sprintf("input %d", i), x, 0); err != nil {
			return nil, err
		}
		s, f := x.Shape(), first.Shape()
		ok := len(s) >= 2 && len(s) == len(f) && s[0] == f[0]
		for d := 2; ok && d < len(s); d++ {
			ok = s[d] == f[d]
		}
		if !ok {
			return nil, fmt.Errorf("%s: input %s %v does not match %s %v outside axis 1", name, x.Name(), s, first.Name(), f)
		}
	}
	return gorgonia.ApplyOp(&concatOp{n: len(xs), dims: first.Dims()}, xs...)
}

type concatOp struct {
	pureOp
	n, dims int
}

func (op *concatOp) Arity() int { return op.n }
func (op *concatOp) Type() hm.Type {
	ts := make([]hm.Type, op.n+1)
	for i := range ts {
		ts[i] = tensorType(op.dims)
	}
	return fnType(ts...)
}
func (op *concatOp) String() string        { return fmt.Sprintf("ConcatChannels(%d)", op.n) }
func (op *concatOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *concatOp) Hashcode() uint32      { return hashOf(op) }
func (op *concatOp) DiffWRT(inputs int) []bool {
	d := make([]bool, inputs)
	for i := range d {
		d[i] = true
	}
	return d
}

func (op *concatOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	var out tensor.Shape
	for i := range op.n {
		s, err := shapeOf("ConcatChannels", ds, i)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out = s.Clone()
			continue
		}
		out[1] += s[1]
	}
	return out, nil
}

func (op *concatOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	names := make([]string, len(vs))
	for i := range names {
		names[i] = fmt.Sprintf("input %d", i)
	}
	data, shapes, err := inputs("ConcatChannels", names, vs)
	if err != nil {
		return nil, err
	}
	out := shapes[0].Clone()
	for _, s := range shapes[1:] {
		out[1] += s[1]
	}
	n, c, hw := splitChannels(out)
	y := op.out.floats(n * c * hw)
	c0 := 0
	for i, x := range data {
		ci := shapes[i][1]
		if _, cx, hx := splitChannels(shapes[i]); hx != hw || len(x) != n*cx*hx {
			return nil, fmt.Errorf("ConcatChannels: input %d has shape %v, output %v", i, shapes[i], out)
		}
		for img := range n {
			copy(y[(img*c+c0)*hw:(img*c+c0+ci)*hw], x[img*ci*hw:(img+1)*ci*hw])
		}
		c0 += ci
	}
	return newDense(out, y), nil
}

func (op *concatOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	grads := make(gorgonia.Nodes, len(in))
	c0 := 0
	for i, x := range in {
		ci := x.Shape()[1]
		slice, args := &channelSliceOp{c0: c0, c1: c0 + ci, dims: op.dims}, gorgonia.Nodes{grad}
		if m, ok := x.Op().(maskedOutput); ok {
			// x's own gradient would mask this slice by x next (a fire
			// module's ReLU); the slice does it on its way, in one pass.
			if on, lo, hi := m.outputMask(); on {
				slice.maskBy, slice.lo, slice.hi = x, lo, hi
				args = append(args, x)
			}
		}
		g, err := gorgonia.ApplyOp(slice, args...)
		if err != nil {
			return nil, fmt.Errorf("ConcatChannels gradient %d: %w", i, err)
		}
		grads[i] = g
		c0 += ci
	}
	return grads, nil
}

// maskedOutput is an op whose output y is clamped to [lo, hi] and whose
// gradient starts by masking the upstream gradient where y is not strictly
// inside (lo, hi) (Activation.gradient); on is false when it has no clamp.
type maskedOutput interface {
	outputMask() (on bool, lo, hi float32)
}

// gradMasker is a gradient op that already applied the activation mask of
// its input y (clamped to [lo, hi]); the activation's own gradient then
// passes it on unchanged.
type gradMasker interface {
	masks(y *gorgonia.Node, lo, hi float32) bool
}

// channelSliceOp takes channels [c0, c1) of its input: the gradient of one
// input of ConcatChannels. With maskBy set it takes a second input, that
// concat input itself (N, c1−c0, …), and zeroes the slice where it is not
// strictly inside (lo, hi): its activation's gradient, which then passes the
// slice on unchanged (see Activation.gradient).
type channelSliceOp struct {
	pureOp
	c0, c1, dims int
	maskBy       *gorgonia.Node
	lo, hi       float32
}

func (op *channelSliceOp) Arity() int {
	if op.maskBy != nil {
		return 2
	}
	return 1
}
func (op *channelSliceOp) Type() hm.Type {
	if op.maskBy != nil {
		return fnType(tensorType(op.dims), tensorType(op.dims), tensorType(op.dims))
	}
	return fnType(tensorType(op.dims), tensorType(op.dims))
}
func (op *channelSliceOp) String() string {
	if op.maskBy != nil {
		return fmt.Sprintf("ChannelSlice[%d:%d]Masked[%v,%v]", op.c0, op.c1, op.lo, op.hi)
	}
	return fmt.Sprintf("ChannelSlice[%d:%d]", op.c0, op.c1)
}
func (op *channelSliceOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *channelSliceOp) Hashcode() uint32      { return hashOf(op) }

// masks reports whether op already applies the activation mask of y.
func (op *channelSliceOp) masks(y *gorgonia.Node, lo, hi float32) bool {
	return op.maskBy == y && op.lo == lo && op.hi == hi
}

func (op *channelSliceOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	s, err := shapeOf("ChannelSlice", ds, 0)
	if err != nil {
		return nil, err
	}
	out := s.Clone()
	out[1] = op.c1 - op.c0
	return out, nil
}

func (op *channelSliceOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	names := []string{"gradient"}
	if op.maskBy != nil {
		names = append(names, "masking input")
	}
	data, shapes, err := inputs("ChannelSlice", names, vs)
	if err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	if op.c1 > c {
		return nil, fmt.Errorf("ChannelSlice: channels [%d, %d) of a %v tensor", op.c0, op.c1, shapes[0])
	}
	ci := op.c1 - op.c0
	out := shapes[0].Clone()
	out[1] = ci
	y := op.out.floats(n * ci * hw)
	if op.maskBy != nil {
		if err := sameShape("ChannelSlice", "masking input", shapes[1], out); err != nil {
			return nil, err
		}
	}
	for img := range n {
		dst, src := y[img*ci*hw:(img+1)*ci*hw], data[0][(img*c+op.c0)*hw:(img*c+op.c1)*hw]
		if op.maskBy != nil {
			kernels.ClampBackward(data[1][img*ci*hw:(img+1)*ci*hw], src, op.lo, op.hi, dst)
			continue
		}
		copy(dst, src)
	}
	return newDense(out, y), nil
}
