package cpunet

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/backend"
	"transferlab/engine/models"
	"transferlab/engine/ops"
)

// inferGraph is a trainer's compiled forward pass for one batch size in
// evaluation mode, as models.Runner compiles it (BatchNorm folded into the
// convolution before it), whose ops' results share the trainer's pool: a
// forward pass needs each result only until the next layers have read it,
// and the step graphs never run at the same time.
//
// It is also the CPU backend's Runner, with a pool of its own.
type inferGraph struct {
	input  *G.Node
	output G.Value
	shape  []int
	vm     G.VM
}

var _ backend.Runner = (*inferGraph)(nil)

func newInferGraph(st *models.State, input []int, forward forwardFunc, pool *ops.BufferPool) (*inferGraph, error) {
	st.SetTraining(false)
	b := models.NewBuilder(st)
	b.FoldNorms = true
	x := G.NewTensor(b.Graph, tensor.Float32, len(input), G.WithShape(input...), G.WithName("input"))
	y, err := forward(b, x)
	if err != nil {
		return nil, err
	}
	g := &inferGraph{input: x, shape: y.Shape().Clone()}
	G.Read(y, &g.output)
	g.vm = ops.NewMachine(b.Graph)
	if err := ops.ShareBuffers(b.Graph, g.vm, nil, pool); err != nil {
		g.vm.Close()
		return nil, fmt.Errorf("cpunet: %w", err)
	}
	return g, nil
}

// OutputShape is the shape of what Run returns.
func (g *inferGraph) OutputShape() []int { return g.shape }

// Close releases the machine.
func (g *inferGraph) Close() { g.vm.Close() }

// Run evaluates x (the input shape, row-major) and returns a copy of the output.
func (g *inferGraph) Run(x []float32) ([]float32, error) {
	if want := g.input.Shape().TotalSize(); len(x) != want {
		return nil, fmt.Errorf("cpunet: input has %d values, graph expects %v", len(x), g.input.Shape())
	}
	if err := G.Let(g.input, tensor.New(tensor.WithShape(g.input.Shape()...), tensor.WithBacking(x))); err != nil {
		return nil, err
	}
	defer g.vm.Reset()
	if err := g.vm.RunAll(); err != nil {
		return nil, fmt.Errorf("cpunet: %w", err)
	}
	return append([]float32(nil), g.output.Data().([]float32)...), nil
}
