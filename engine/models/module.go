package models

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/ops"
)

// Module is one piece of a network: it lists the state_dict entries it owns
// under a prefix and adds its computation to a graph.
type Module interface {
	Params(prefix string) []Param
	Forward(b *Builder, prefix string, x *G.Node) (*G.Node, error)
	// Lower adds the same computation to another backend (lower.go).
	Lower(be Backend, prefix string, x Value) (Value, error)
}

// Seq is torch.nn.Sequential: children named "0", "1", ... in order.
type Seq []Module

func (s Seq) Params(prefix string) []Param {
	var ps []Param
	for i, m := range s {
		ps = append(ps, m.Params(join(prefix, itoa(i)))...)
	}
	return ps
}

func (s Seq) Forward(b *Builder, prefix string, x *G.Node) (*G.Node, error) {
	steps := make([]step, len(s))
	for i, m := range s {
		steps[i] = step{join(prefix, itoa(i)), m}
	}
	return forwardChain(b, steps, x)
}

// Named is a module whose children have attribute names (conv1, bn1, ...).
type Named []Child

// Child is a named sub-module; an empty name marks a parameter-free step
// that torchvision performs functionally (torch.flatten, F.relu).
type Child struct {
	Name   string
	Module Module
}

func (n Named) Params(prefix string) []Param {
	var ps []Param
	for _, c := range n {
		ps = append(ps, c.Module.Params(join(prefix, c.Name))...)
	}
	return ps
}

func (n Named) Forward(b *Builder, prefix string, x *G.Node) (*G.Node, error) {
	steps := make([]step, len(n))
	for i, c := range n {
		steps[i] = step{join(prefix, c.Name), c.Module}
	}
	return forwardChain(b, steps, x)
}

// step is one module of a chain with its state_dict prefix.
type step struct {
	prefix string
	m      Module
}

// forwardChain adds the steps to the graph in order, replacing each
// convolution that is followed by its bias, batch norm or ReLU with one
// fused op (see fuse).
func forwardChain(b *Builder, steps []step, x *G.Node) (*G.Node, error) {
	for i := 0; i < len(steps); {
		y, used, err := fuse(b, steps[i:], x)
		if err != nil {
			return nil, err
		}
		if used == 0 {
			if y, err = steps[i].m.Forward(b, steps[i].prefix, x); err != nil {
				return nil, err
			}
			used = 1
		}
		x, i = y, i+used
	}
	return x, nil
}

// fuse recognises a fusible run at the start of steps and adds it as one op,
// returning how many steps it replaced (0 for none):
//
//   - Conv with bias, optionally followed by ReLU/ReLU6: ops.ConvFused, in
//     every graph (it has a gradient);
//   - Conv without bias, BatchNorm, optionally ReLU/ReLU6: ops.ConvBatchNorm,
//     in inference graphs only (Builder.Fuse), where the batch norm folds
//     into the convolution's output.
//
// The fused ops compute the same numbers as the separate layers.
func fuse(b *Builder, steps []step, x *G.Node) (*G.Node, int, error) {
	conv, ok := steps[0].m.(Conv)
	if !ok {
		return nil, 0, nil
	}
	used := 1
	var norm *step
	if !conv.Bias && b.Fuse && len(steps) > 1 {
		if _, ok := steps[1].m.(BatchNorm); ok {
			norm, used = &steps[1], 2
		}
	}
	if !conv.Bias && norm == nil {
		return nil, 0, nil
	}
	act := ops.ActNone
	if len(steps) > used {
		if r, ok := steps[used].m.(ReLU); ok {
			act, used = ops.ActReLU, used+1
			if r.Six {
				act = ops.ActReLU6
			}
		}
	}
	prefix := steps[0].prefix
	w := b.Param(join(prefix, "weight"))
	var y *G.Node
	var err error
	if norm != nil {
		p := norm.prefix
		y, err = ops.ConvBatchNorm(x, w, b.Param(join(p, "weight")), b.Param(join(p, "bias")), b.Norm(p), conv.convOpts(x), act)
	} else {
		y, err = ops.ConvFused(x, w, b.Param(join(prefix, "bias")), conv.convOpts(x), act)
	}
	if err != nil {
		return nil, 0, wrap(prefix, err)
	}
	return y, used, nil
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
