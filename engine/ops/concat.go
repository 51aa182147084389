package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
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
		g, err := gorgonia.ApplyOp(&channelSliceOp{c0: c0, c1: c0 + ci, dims: op.dims}, grad)
		if err != nil {
			return nil, fmt.Errorf("ConcatChannels gradient %d: %w", i, err)
		}
		grads[i] = g
		c0 += ci
	}
	return grads, nil
}

// channelSliceOp takes channels [c0, c1) of its input.
type channelSliceOp struct {
	pureOp
	c0, c1, dims int
}

func (op *channelSliceOp) Arity() int            { return 1 }
func (op *channelSliceOp) Type() hm.Type         { return fnType(tensorType(op.dims), tensorType(op.dims)) }
func (op *channelSliceOp) String() string        { return fmt.Sprintf("ChannelSlice[%d:%d]", op.c0, op.c1) }
func (op *channelSliceOp) WriteHash(h hash.Hash) { writeHash(h, op) }
func (op *channelSliceOp) Hashcode() uint32      { return hashOf(op) }

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
	data, shapes, err := inputs("ChannelSlice", []string{"gradient"}, vs)
	if err != nil {
		return nil, err
	}
	n, c, hw := splitChannels(shapes[0])
	if op.c1 > c {
		return nil, fmt.Errorf("ChannelSlice: channels [%d, %d) of a %v tensor", op.c0, op.c1, shapes[0])
	}
	ci := op.c1 - op.c0
	y := op.out.floats(n * ci * hw)
	for img := range n {
		copy(y[img*ci*hw:(img+1)*ci*hw], data[0][(img*c+op.c0)*hw:(img*c+op.c1)*hw])
	}
	out := shapes[0].Clone()
	out[1] = ci
	return newDense(out, y), nil
}
