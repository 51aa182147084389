package gpunet

import (
	"fmt"

	"transferlab/engine/gpu"
)

// Group is a set of parameters trained by one optimiser (the backbone and
// the head learn at different rates in case 3).
type Group struct {
	Match     func(name string) bool
	Optimizer Optimizer
}

// Step is one training step's outcome, downloaded from the device.
type Step struct {
	Loss   float64   // mean cross-entropy over the batch
	Logits []float32 // (N, classes)
}

// TrainStep runs forward, the softmax cross-entropy loss, backward and the
// optimisers on the device for one batch x (shape, NCHW or (N, D)) with
// class labels; only the loss and the logits come back. Parameters no group
// matches stay fixed and get no gradient.
func (n *Net) TrainStep(x []float32, shape []int, labels []int, groups []Group) (Step, error) {
	tp := newTape(n.dev, true)
	defer tp.release()
	trainable := func(name string) bool { return groupOf(groups, name) != nil }
	logits, err := n.run(tp, trainable, x, shape)
	if err != nil {
		return Step{}, err
	}
	loss, dlogits, err := n.loss(tp, logits, labels)
	if err != nil {
		return Step{}, err
	}
	if err := tp.backprop(logits, dlogits); err != nil {
		return Step{}, err
	}
	if err := n.update(tp, groups); err != nil {
		return Step{}, err
	}
	return n.download(loss, logits)
}

func groupOf(groups []Group, name string) *Group {
	for i := range groups {
		if groups[i].Match(name) {
			return &groups[i]
		}
	}
	return nil
}

// loss uploads the labels and computes the loss and its gradient.
func (n *Net) loss(tp *tape, logits *node, labels []int) (loss, dlogits *gpu.Tensor, err error) {
	s := logits.Shape()
	if len(s) != 2 || s[0] != len(labels) {
		return nil, nil, fmt.Errorf("gpunet: logits %v for %d labels", s, len(labels))
	}
	ys := make([]float32, len(labels))
	for i, l := range labels {
		if l < 0 || l >= s[1] {
			return nil, nil, fmt.Errorf("gpunet: label %d outside [0, %d)", l, s[1])
		}
		ys[i] = float32(l)
	}
	yt, err := n.dev.FromHost(ys, len(ys))
	if err != nil {
		return nil, nil, err
	}
	tp.own(yt)
	loss, dlogits, err = n.dev.SoftmaxCrossEntropy(logits.t, yt)
	if err != nil {
		return nil, nil, err
	}
	tp.own(loss)
	return loss, dlogits, nil
}

// update applies each group's optimiser to the parameters that got a gradient.
func (n *Net) update(tp *tape, groups []Group) error {
	for _, g := range groups {
		g.Optimizer.begin()
	}
	for name, leaf := range tp.leaves {
		if leaf.grad == nil {
			continue
		}
		g := groupOf(groups, name)
		if err := g.Optimizer.update(n.dev, name, leaf.t, leaf.grad); err != nil {
			return fmt.Errorf("gpunet: updating %s: %w", name, err)
		}
	}
	return nil
}

func (n *Net) download(loss *gpu.Tensor, logits *node) (Step, error) {
	l, err := n.dev.ToHost(loss)
	if err != nil {
		return Step{}, err
	}
	out, err := n.dev.ToHost(logits.t)
	if err != nil {
		return Step{}, err
	}
	return Step{Loss: float64(l[0]), Logits: out}, nil
}
