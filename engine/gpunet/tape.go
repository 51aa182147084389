package gpunet

import (
	"fmt"

	"transferlab/engine/gpu"
)

// node is a value in one pass: a device tensor, and, when a gradient must
// reach it, the gradient accumulated so far.
type node struct {
	t        *gpu.Tensor
	needGrad bool
	grad     *gpu.Tensor
}

// Shape implements models.Value.
func (n *node) Shape() []int { return n.t.Shape() }

// tape records, during a forward pass, the backward step of each op, and
// owns every tensor the pass allocates until release.
type tape struct {
	dev      *gpu.Device
	record   bool // false in inference: no backward steps are kept
	backward []backStep
	owned    map[*gpu.Tensor]bool
	leaves   map[string]*node // parameters used in the pass, by state_dict name
}

// backStep computes the gradients of an op's inputs from out.grad.
type backStep struct {
	out *node
	run func(dy *gpu.Tensor) error
}

func newTape(dev *gpu.Device, record bool) *tape {
	return &tape{dev: dev, record: record, owned: map[*gpu.Tensor]bool{}, leaves: map[string]*node{}}
}

// own takes a tensor the pass allocated, so release frees it.
func (tp *tape) own(t *gpu.Tensor) *gpu.Tensor {
	tp.owned[t] = true
	return t
}

// value wraps an op's output; it needs a gradient when any input does.
func (tp *tape) value(t *gpu.Tensor, inputs ...*node) *node {
	tp.own(t)
	n := &node{t: t}
	for _, in := range inputs {
		n.needGrad = n.needGrad || (in != nil && in.needGrad)
	}
	n.needGrad = n.needGrad && tp.record
	return n
}

// onBackward records the backward step of an op whose output is out.
func (tp *tape) onBackward(out *node, run func(dy *gpu.Tensor) error) {
	if out.needGrad {
		tp.backward = append(tp.backward, backStep{out, run})
	}
}

// accumulate adds g to n's gradient. The first gradient is taken as it is,
// so g must not be handed to two nodes (clone it for the second).
func (tp *tape) accumulate(n *node, g *gpu.Tensor) error {
	tp.own(g)
	if !n.needGrad {
		return nil
	}
	if n.grad == nil {
		n.grad = g
		return nil
	}
	return tp.dev.AddInPlace(n.grad, g)
}

// gradInto computes and accumulates the gradient of an op's input, only
// when that input needs one (frozen weights and the image batch do not).
func (tp *tape) gradInto(n *node, compute func() (*gpu.Tensor, error)) error {
	if n == nil || !n.needGrad {
		return nil
	}
	g, err := compute()
	if err != nil {
		return err
	}
	return tp.accumulate(n, g)
}

// shareGrad hands one gradient to two inputs (residual joins, Add).
func (tp *tape) shareGrad(a, b *node, g *gpu.Tensor) error {
	if err := tp.accumulate(a, g); err != nil {
		return err
	}
	if a.needGrad && b.needGrad {
		c, err := tp.dev.Clone(g)
		if err != nil {
			return err
		}
		g = c
	}
	return tp.accumulate(b, g)
}

// backprop runs the recorded steps in reverse from the loss gradient of
// out, freeing each activation gradient once its op has consumed it.
func (tp *tape) backprop(out *node, dOut *gpu.Tensor) error {
	out.grad = tp.own(dOut)
	for i := len(tp.backward) - 1; i >= 0; i-- {
		s := tp.backward[i]
		if s.out.grad == nil {
			continue // nothing downstream depended on it
		}
		if err := s.run(s.out.grad); err != nil {
			return fmt.Errorf("gpunet: backward: %w", err)
		}
		tp.drop(s.out.grad)
		s.out.grad = nil
	}
	return nil
}

// drop frees one owned tensor early.
func (tp *tape) drop(t *gpu.Tensor) {
	if tp.owned[t] {
		delete(tp.owned, t)
		t.Free()
	}
}

// release frees everything the pass allocated (parameters are not owned).
func (tp *tape) release() {
	for t := range tp.owned {
		t.Free()
	}
	tp.owned = map[*gpu.Tensor]bool{}
	tp.backward = nil
	tp.leaves = map[string]*node{}
}
