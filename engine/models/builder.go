package models

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/ops"
)

// Builder adds modules to one gorgonia graph, creating a node per state_dict
// entry the first time a module asks for it. Nodes take their values from a
// State, whose tensors they share.
type Builder struct {
	Graph *G.ExprGraph
	// FoldNorms folds each BatchNorm into the convolution before it (with the
	// ReLU after it), for inference graphs: the fused op has no gradient.
	// NewRunnerFunc sets it; training graphs keep the layers separate.
	FoldNorms bool
	state     *State
	nodes     map[string]*G.Node
	order     []string
}

// NewBuilder starts a graph over st.
func NewBuilder(st *State) *Builder {
	return &Builder{Graph: G.NewGraph(), state: st, nodes: map[string]*G.Node{}}
}

// Param returns the node of a state_dict entry. A name the State lacks is a
// bug in an architecture table (NewState checked the names), so it panics.
func (b *Builder) Param(name string) *G.Node {
	if n, ok := b.nodes[name]; ok {
		return n
	}
	v, err := b.state.Value(name)
	if err != nil {
		panic(err)
	}
	n := G.NewTensor(b.Graph, tensor.Float32, v.Dims(), G.WithShape(v.Shape()...), G.WithValue(v), G.WithName(name))
	b.nodes[name] = n
	b.order = append(b.order, name)
	return n
}

// Norm returns the shared BatchNorm state of the module at prefix.
func (b *Builder) Norm(prefix string) *ops.BatchNormState {
	n, ok := b.state.norms[prefix]
	if !ok {
		panic(fmt.Sprintf("models: no BatchNorm state for %q", prefix))
	}
	return n
}

// Nodes returns the parameter nodes created so far, by state_dict name, in
// creation order.
func (b *Builder) Nodes() ([]string, map[string]*G.Node) { return b.order, b.nodes }
