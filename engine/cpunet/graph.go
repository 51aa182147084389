package cpunet

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/models"
	"transferlab/engine/ops"
)

// stepGraph is a compiled training step for one batch size: a forward pass to
// logits, the mean cross-entropy, and gradients of the learnable nodes.
type stepGraph struct {
	input, labels *G.Node
	loss, logits  G.Value
	learn         G.Nodes
	grads         G.Nodes  // gradient of each of learn, in the same order
	names         []string // state_dict names of learn, in order
	vm            G.VM
}

// forwardFunc adds the model to a graph: x -> logits (N, K).
type forwardFunc func(b *models.Builder, x *G.Node) (*G.Node, error)

// newStepGraph compiles forward+loss+gradients for inputs of inputShape.
// trainable decides which parameter nodes learn; the others stay frozen.
// The ops' results share pool's memory (ops.ShareBuffers): gradients reuse
// the memory of values backward no longer needs.
func newStepGraph(st *models.State, inputShape []int, forward forwardFunc, trainable func(name string) bool, pool *ops.BufferPool) (*stepGraph, error) {
	b := models.NewBuilder(st)
	x := G.NewTensor(b.Graph, tensor.Float32, len(inputShape), G.WithShape(inputShape...), G.WithName("input"))
	y := G.NewVector(b.Graph, tensor.Float32, G.WithShape(inputShape[0]), G.WithName("labels"))
	logits, err := forward(b, x)
	if err != nil {
		return nil, err
	}
	loss, err := ops.SoftmaxCrossEntropy(logits, y)
	if err != nil {
		return nil, err
	}
	g := &stepGraph{input: x, labels: y}
	order, nodes := b.Nodes()
	for _, name := range order {
		if trainable(name) && nodes[name].Shape().TotalSize() > 0 && isLearnable(st, name) {
			g.learn = append(g.learn, nodes[name])
			g.names = append(g.names, name)
		}
	}
	G.Read(loss, &g.loss)
	G.Read(logits, &g.logits)
	if g.grads, err = G.Grad(loss, g.learn...); err != nil {
		return nil, fmt.Errorf("cpunet: gradients: %w", err)
	}
	// No dual values: the solvers read each gradient where its op wrote it
	// (a buffer of its own, as nothing in the graph reads it), where a dual
	// value would be a second copy of every gradient, and the pool would
	// need room for the largest gradient besides the activations.
	g.vm = ops.NewMachine(b.Graph)
	if err := ops.ShareBuffers(b.Graph, g.vm, nil, pool); err != nil {
		return nil, fmt.Errorf("cpunet: %w", err)
	}
	return g, nil
}

// isLearnable excludes BatchNorm buffers, which are nodes too.
func isLearnable(st *models.State, name string) bool {
	p, ok := st.Param(name)
	return ok && p.Learnable()
}

// run does one forward and backward pass; gradients are then on g.learn.
func (g *stepGraph) run(x []float32, labels []int) (loss float64, logits []float32, err error) {
	ys := make([]float32, len(labels))
	for i, l := range labels {
		ys[i] = float32(l)
	}
	if err := G.Let(g.input, tensor.New(tensor.WithShape(g.input.Shape()...), tensor.WithBacking(x))); err != nil {
		return 0, nil, err
	}
	if err := G.Let(g.labels, tensor.New(tensor.WithShape(len(ys)), tensor.WithBacking(ys))); err != nil {
		return 0, nil, err
	}
	if err := g.vm.RunAll(); err != nil {
		return 0, nil, fmt.Errorf("cpunet: %w", err)
	}
	loss = float64(scalar(g.loss))
	logits = append([]float32(nil), g.logits.Data().([]float32)...)
	return loss, logits, nil
}

func scalar(v G.Value) float32 {
	switch d := v.Data().(type) {
	case float32:
		return d
	case []float32:
		return d[0]
	}
	panic(fmt.Sprintf("cpunet: unexpected loss value %T", v.Data()))
}
