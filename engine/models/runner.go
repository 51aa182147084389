package models

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/ops"
)

// Runner evaluates Layers[:upTo] of a network for a fixed input shape, in
// evaluation mode (no gradients).
type Runner struct {
	input  *G.Node
	output G.Value
	vm     G.VM
	shape  tensor.Shape
}

// NewRunner compiles Layers[:upTo] for inputs of shape (N, 3, H, W).
func NewRunner(net *Network, st *State, input []int, upTo int) (*Runner, error) {
	return NewRunnerFunc(st, input, func(b *Builder, x *G.Node) (*G.Node, error) {
		return net.Forward(b, x, 0, upTo)
	})
}

// NewRunnerFunc compiles any model that forward adds to a graph. It puts the
// State in evaluation mode.
func NewRunnerFunc(st *State, input []int, forward func(b *Builder, x *G.Node) (*G.Node, error)) (*Runner, error) {
	st.SetTraining(false)
	b := NewBuilder(st)
	b.FoldNorms = true
	x := G.NewTensor(b.Graph, tensor.Float32, len(input), G.WithShape(input...), G.WithName("input"))
	y, err := forward(b, x)
	if err != nil {
		return nil, err
	}
	r := &Runner{input: x, shape: y.Shape().Clone()}
	G.Read(y, &r.output)
	r.vm = ops.NewMachine(b.Graph)
	// Results share pooled memory from the op that computes them to their
	// last reader, as in the CPU backend's graphs: a forward pass then holds
	// about one activation at a time instead of one per op.
	if err := ops.ShareBuffers(b.Graph, r.vm, nil, new(ops.BufferPool)); err != nil {
		r.vm.Close()
		return nil, fmt.Errorf("models: %w", err)
	}
	return r, nil
}

// OutputShape is the shape of what Run returns.
func (r *Runner) OutputShape() []int { return r.shape }

// Run evaluates the graph on x (the input shape, row-major) and returns a
// copy of the output.
func (r *Runner) Run(x []float32) ([]float32, error) {
	if want := r.input.Shape().TotalSize(); len(x) != want {
		return nil, fmt.Errorf("models: input has %d values, graph expects %v", len(x), r.input.Shape())
	}
	if err := G.Let(r.input, tensor.New(tensor.WithShape(r.input.Shape()...), tensor.WithBacking(x))); err != nil {
		return nil, err
	}
	defer r.vm.Reset()
	if err := r.vm.RunAll(); err != nil {
		return nil, err
	}
	return append([]float32(nil), r.output.Data().([]float32)...), nil
}

// Close releases the machine.
func (r *Runner) Close() { r.vm.Close() }
