package cpunet

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/backend"
	"transferlab/engine/models"
	"transferlab/engine/ops"
)

// trainer compiles one training graph and one inference graph per batch
// size (gorgonia's graphs have fixed shapes) over the same State, whose
// tensors the solvers update in place. The graphs run one at a time, so
// their ops' results share one pool: a second batch size costs little.
type trainer struct {
	state   *models.State
	forward forwardFunc
	groups  []backend.Group
	solvers []G.Solver // one per group, in order
	graphs  map[int]*stepGraph
	runners map[int]*inferGraph
	// pool is the memory every step graph's ops share: the graphs run one
	// at a time, so a second batch size adds little memory.
	pool ops.BufferPool
}

// Trainer trains st's parameters that a group matches.
func (c *CPU) Trainer(st *models.State, forward backend.Forward, groups []backend.Group) (backend.Trainer, error) {
	t := &trainer{state: st, forward: onGraph(forward), groups: groups,
		graphs: map[int]*stepGraph{}, runners: map[int]*inferGraph{}}
	for _, g := range groups {
		t.solvers = append(t.solvers, solverOf(g.Optimiser))
	}
	return t, nil
}

func (t *trainer) trainable(name string) bool { return t.group(name) >= 0 }

// group is the index of the first group that matches name, or -1.
func (t *trainer) group(name string) int {
	for i, g := range t.groups {
		if g.Match(name) {
			return i
		}
	}
	return -1
}

func (t *trainer) graph(shape []int) (*stepGraph, error) {
	if g, ok := t.graphs[shape[0]]; ok {
		return g, nil
	}
	g, err := newStepGraph(t.state, shape, t.forward, t.trainable, &t.pool)
	if err == nil {
		t.graphs[shape[0]] = g
	}
	return g, err
}

// Step runs the graph, then each group's solver on its parameters.
func (t *trainer) Step(x []float32, shape []int, labels []int) (float64, []float32, error) {
	g, err := t.graph(shape)
	if err != nil {
		return 0, nil, err
	}
	loss, logits, err := g.run(x, labels)
	if err != nil {
		return 0, nil, err
	}
	defer g.vm.Reset()
	for i, s := range t.solvers {
		if err := s.Step(t.paramsOf(g, i)); err != nil {
			return 0, nil, err
		}
	}
	return loss, logits, nil
}

// paramsOf returns the learning nodes of group i with their gradients, in
// graph order.
func (t *trainer) paramsOf(g *stepGraph, i int) []G.ValueGrad {
	var params []G.ValueGrad
	for j, node := range g.learn {
		if t.group(g.names[j]) == i {
			params = append(params, paramGrad{param: node, grad: g.grads[j]})
		}
	}
	return params
}

// Infer runs an inference graph for the batch size.
func (t *trainer) Infer(x []float32, shape []int) ([]float32, error) {
	r, ok := t.runners[shape[0]]
	if !ok {
		var err error
		if r, err = newInferGraph(t.state, shape, t.forward, &t.pool); err != nil {
			return nil, err
		}
		t.runners[shape[0]] = r
	}
	return r.Run(x)
}

// Pull and Push have nothing to copy: the graphs share the State's tensors.
func (t *trainer) Pull() error { return nil }
func (t *trainer) Push() error { return nil }

func (t *trainer) Close() {
	for _, g := range t.graphs {
		g.vm.Close()
	}
	for _, r := range t.runners {
		r.Close()
	}
}
