package gpunet

import (
	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/models"
)

// model is a Net trained through engine/backend: its steps run on the
// device, and the host State is brought up to date only when asked (Pull).
type model struct {
	net    *Net
	groups []Group
}

// Trainer uploads st and trains the parameters a group matches, each
// group with its own optimiser on the device.
func (d *Device) Trainer(st *models.State, forward backend.Forward, groups []backend.Group) (backend.Trainer, error) {
	net, err := NewNet(d.dev, st, forward)
	if err != nil {
		return nil, err
	}
	m := &model{net: net}
	for _, g := range groups {
		m.groups = append(m.groups, Group{Match: g.Match, Optimizer: optimizerOf(g.Optimiser)})
	}
	return m, nil
}

// optimizerOf is the device's version of a backend optimiser.
func optimizerOf(o backend.Optimiser) Optimizer {
	if o.Rule == cases.Adam {
		return NewAdam(o.LR)
	}
	return NewMomentum(o.LR, o.Momentum)
}

func (m *model) Step(x []float32, shape []int, labels []int) (float64, []float32, error) {
	s, err := m.net.TrainStep(x, shape, labels, m.groups)
	return s.Loss, s.Logits, err
}

func (m *model) Infer(x []float32, shape []int) ([]float32, error) {
	y, _, err := m.net.Infer(x, shape)
	return y, err
}

func (m *model) Pull() error { return m.net.Params().Pull() }
func (m *model) Push() error { return m.net.Params().Push() }

// Close frees the optimisers' state and the device copy of the State.
func (m *model) Close() {
	for _, g := range m.groups {
		FreeOptimizer(g.Optimizer)
	}
	m.net.Close()
}
