package models

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/ops"
)

// graphValue is a gorgonia node as a Backend Value.
type graphValue struct{ n *G.Node }

func (v graphValue) Shape() []int { return v.n.Shape() }

// Value wraps a node of b's graph for lowering modules onto it.
func (b *Builder) Value(n *G.Node) Value { return graphValue{n} }

// Node is the gorgonia node of a Value the Builder produced.
func Node(v Value) *G.Node { return v.(graphValue).n }

var (
	_ Backend = (*Builder)(nil)
	_ Fuser   = (*Builder)(nil)
)

func (b *Builder) Conv(prefix string, c Conv, v Value) (Value, error) {
	x := Node(v)
	w := b.Param(join(prefix, "weight"))
	if c.Bias { // the bias is added to each output tile in cache
		y, err := ops.ConvFused(x, w, b.Param(join(prefix, "bias")), c.convOpts(x), ops.ActNone)
		return graphValue{y}, err
	}
	y, err := ops.Conv2d(x, w, c.convOpts(x))
	return graphValue{y}, err
}

func (b *Builder) BatchNorm(prefix string, n BatchNorm, v Value) (Value, error) {
	y, err := ops.BatchNorm2d(Node(v), b.Param(join(prefix, "weight")), b.Param(join(prefix, "bias")), b.Norm(prefix))
	return graphValue{y}, err
}

func (b *Builder) Linear(prefix string, l Linear, v Value) (Value, error) {
	y, err := ops.Linear(Node(v), b.Param(join(prefix, "weight")), b.Param(join(prefix, "bias")))
	return graphValue{y}, err
}

func (b *Builder) ReLU(r ReLU, v Value) (Value, error) {
	if r.Six {
		y, err := ops.ReLU6(Node(v))
		return graphValue{y}, err
	}
	y, err := ops.ReLU(Node(v))
	return graphValue{y}, err
}

func (b *Builder) MaxPool(m MaxPool, v Value) (Value, error) {
	y, err := ops.MaxPool2d(Node(v), ops.PoolOpts{
		KernelH: m.Kernel, KernelW: m.Kernel, StrideH: m.Stride, StrideW: m.Stride,
		PadH: m.Pad, PadW: m.Pad, CeilMode: m.Ceil,
	})
	return graphValue{y}, err
}

func (b *Builder) AdaptiveAvgPool(a AdaptiveAvgPool, v Value) (Value, error) {
	y, err := ops.AdaptiveAvgPool2d(Node(v), a.Size, a.Size)
	return graphValue{y}, err
}

func (b *Builder) Dropout(d Dropout, v Value) (Value, error) {
	y, err := ops.Dropout(Node(v), d.P, b.state.dropout)
	return graphValue{y}, err
}

// Flatten is torch.flatten(x, 1) as a reshape (no copy).
func (b *Builder) Flatten(v Value) (Value, error) {
	x := Node(v)
	s := x.Shape()
	if len(s) == 2 {
		return v, nil
	}
	y, err := G.Reshape(x, []int{s[0], s.TotalSize() / s[0]})
	return graphValue{y}, err
}

func (b *Builder) Add(x, y Value, relu bool) (Value, error) {
	act := ops.ActNone
	if relu {
		act = ops.ActReLU
	}
	z, err := ops.AddAct(Node(x), Node(y), act)
	return graphValue{z}, err
}

func (b *Builder) ConcatChannels(x, y Value) (Value, error) {
	z, err := ops.ConcatChannels(Node(x), Node(y))
	return graphValue{z}, err
}

// Fuse replaces a convolution followed by its bias, batch norm or ReLU with
// one op, returning how many steps it replaced (0 for none):
//
//   - Conv with bias, optionally followed by ReLU/ReLU6: ops.ConvFused, in
//     every graph (it has a gradient);
//   - Conv without bias, BatchNorm, optionally ReLU/ReLU6: ops.ConvBatchNorm,
//     in inference graphs only (Builder.FoldNorms), where the batch norm folds
//     into the convolution's output.
//
// The fused ops compute the same numbers as the separate layers.
func (b *Builder) Fuse(steps []Step, v Value) (Value, int, error) {
	conv, ok := steps[0].Module.(Conv)
	if !ok {
		return nil, 0, nil
	}
	used := 1
	var norm *Step
	if !conv.Bias && b.FoldNorms && len(steps) > 1 {
		if _, ok := steps[1].Module.(BatchNorm); ok {
			norm, used = &steps[1], 2
		}
	}
	if !conv.Bias && norm == nil {
		return nil, 0, nil
	}
	act := ops.ActNone
	if len(steps) > used {
		if r, ok := steps[used].Module.(ReLU); ok {
			act, used = ops.ActReLU, used+1
			if r.Six {
				act = ops.ActReLU6
			}
		}
	}
	x, prefix := Node(v), steps[0].Prefix
	w := b.Param(join(prefix, "weight"))
	var y *G.Node
	var err error
	if norm != nil {
		p := norm.Prefix
		y, err = ops.ConvBatchNorm(x, w, b.Param(join(p, "weight")), b.Param(join(p, "bias")), b.Norm(p), conv.convOpts(x), act)
	} else {
		y, err = ops.ConvFused(x, w, b.Param(join(prefix, "bias")), conv.convOpts(x), act)
	}
	if err != nil {
		return nil, 0, err
	}
	return graphValue{y}, used, nil
}
