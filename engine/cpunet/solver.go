package cpunet

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
)

// solverOf is the solver for an optimiser: gorgonia's Adam, or SGD with
// momentum of our own (gorgonia's Momentum keeps two zeroed copies of every
// parameter, one of them never used: 553 MB too many for VGG-16).
func solverOf(o backend.Optimiser) G.Solver {
	if o.Rule == cases.Adam {
		return G.NewAdamSolver(G.WithLearnRate(o.LR))
	}
	return &momentum{lr: o.LR, mu: o.Momentum}
}

// paramGrad is a learnable parameter's node and the node of its gradient,
// as a solver reads them: the gradient stays in the memory the op computing
// it wrote, with no copy in a dual value.
type paramGrad struct{ param, grad *G.Node }

func (p paramGrad) Value() G.Value { return p.param.Value() }

func (p paramGrad) Grad() (G.Value, error) {
	if v := p.grad.Value(); v != nil {
		return v, nil
	}
	return nil, fmt.Errorf("cpunet: no gradient computed for %s", p.param.Name())
}

// momentum is SGD with momentum as gorgonia's Momentum computes it, in the
// same float32 steps (so the same numbers): v ← μ·v + (−lr)·g, w ← w + v.
// It keeps one velocity per parameter, updated in place.
type momentum struct {
	lr, mu   float64
	velocity [][]float32 // per parameter, in the order of Step's model
}

func (s *momentum) Step(model []G.ValueGrad) error {
	if s.velocity == nil {
		s.velocity = make([][]float32, len(model))
	}
	eta, mu := float32(-s.lr), float32(s.mu)
	for i, p := range model {
		w, err := floats(p.Value())
		if err != nil {
			return err
		}
		gv, err := p.Grad()
		if err != nil {
			return err
		}
		g, err := floats(gv)
		if err != nil {
			return err
		}
		if len(g) != len(w) {
			return fmt.Errorf("cpunet: gradient has %d values for %d parameters", len(g), len(w))
		}
		if s.velocity[i] == nil {
			s.velocity[i] = make([]float32, len(w))
		}
		v := s.velocity[i]
		for j := range w {
			// Each product rounded on its own (an explicit conversion
			// forbids a fused multiply-add), as gorgonia's separate passes.
			v[j] = float32(v[j]*mu) + float32(g[j]*eta)
			w[j] += v[j]
		}
	}
	return nil
}

// floats is the float32 elements of a dense tensor value.
func floats(v G.Value) ([]float32, error) {
	t, ok := v.(*tensor.Dense)
	if !ok {
		return nil, fmt.Errorf("cpunet: a parameter or gradient is a %T, want a dense tensor", v)
	}
	d, ok := t.Data().([]float32)
	if !ok {
		return nil, fmt.Errorf("cpunet: a parameter or gradient holds %T, want float32", t.Data())
	}
	return d, nil
}
