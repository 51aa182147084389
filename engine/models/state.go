package models

import (
	"fmt"
	"math/rand"

	"gorgonia.org/tensor"

	"transferlab/engine/ops"
	"transferlab/engine/weights"
)

// BatchNorm constants, as torch.nn.BatchNorm2d's defaults.
const (
	normEps      = 1e-5
	normMomentum = 0.1
)

// State holds the value of every state_dict entry of a network. Graphs built
// from one State share its tensors, so an optimiser step or a BatchNorm
// running-statistics update made through one graph is seen by all of them.
type State struct {
	params []Param
	byName map[string]Param
	values map[string]*tensor.Dense
	// data holds each tensor's backing slice: tensor.Dense reports a
	// scalar's Data() as a float32, not a slice (num_batches_tracked).
	data    map[string][]float32
	norms   map[string]*ops.BatchNormState // by BatchNorm module prefix
	dropout *ops.DropoutState
}

// NewState copies the values of sd for every entry of params, after checking
// that sd has exactly these names and shapes.
func NewState(params []Param, sd weights.StateDict, seed int64) (*State, error) {
	if err := weights.Check(expectations(params), sd); err != nil {
		return nil, err
	}
	s := &State{
		params:  params,
		byName:  make(map[string]Param, len(params)),
		values:  make(map[string]*tensor.Dense, len(params)),
		data:    make(map[string][]float32, len(params)),
		norms:   map[string]*ops.BatchNormState{},
		dropout: &ops.DropoutState{Rand: rand.New(rand.NewSource(seed))},
	}
	for _, p := range params {
		s.byName[p.Name] = p
		data := append([]float32(nil), sd[p.Name].Data...)
		s.data[p.Name] = data
		s.values[p.Name] = tensor.New(tensor.WithShape(p.Shape...), tensor.WithBacking(data))
	}
	for _, p := range params {
		if p.Kind == RunningMean {
			prefix := p.Name[:len(p.Name)-len(".running_mean")]
			s.norms[prefix] = &ops.BatchNormState{
				Mean:     s.data[p.Name],
				Var:      s.data[prefix+".running_var"],
				Eps:      normEps,
				Momentum: normMomentum,
			}
		}
	}
	return s, nil
}

func expectations(params []Param) []weights.Expect {
	es := make([]weights.Expect, len(params))
	for i, p := range params {
		es[i] = weights.Expect{Name: p.Name, Shape: p.Shape}
	}
	return es
}

// SetTraining switches BatchNorm (batch statistics, running-statistics
// updates) and Dropout between training and evaluation behaviour.
func (s *State) SetTraining(training bool) {
	for _, n := range s.norms {
		n.Training = training
	}
	s.dropout.Training = training
}

// FreezeNorms keeps the BatchNorm layers whose prefix satisfies frozen in
// evaluation mode even while training: their running statistics stay as
// loaded (the deliberate choice when fine-tuning on little data).
func (s *State) FreezeNorms(training bool, frozen func(prefix string) bool) {
	for prefix, n := range s.norms {
		n.Training = training && !frozen(prefix)
	}
	s.dropout.Training = training
}

// Value returns the tensor behind a state_dict entry.
func (s *State) Value(name string) (*tensor.Dense, error) {
	v, ok := s.values[name]
	if !ok {
		return nil, fmt.Errorf("models: no state_dict entry %q", name)
	}
	return v, nil
}

// Data returns the values of a state_dict entry, row-major; changing them
// changes the tensor graphs use.
func (s *State) Data(name string) ([]float32, error) {
	v, ok := s.data[name]
	if !ok {
		return nil, fmt.Errorf("models: no state_dict entry %q", name)
	}
	return v, nil
}

// StateDict copies the current values out, for saving.
func (s *State) StateDict() weights.StateDict {
	sd := make(weights.StateDict, len(s.params))
	for _, p := range s.params {
		data := append([]float32(nil), s.data[p.Name]...)
		sd[p.Name] = &weights.Tensor{Shape: append([]int(nil), p.Shape...), Data: data}
	}
	return sd
}

// CheckWeights reports whether sd holds exactly this network's state_dict
// names and shapes, naming the first problems.
func (n *Network) CheckWeights(sd weights.StateDict) error {
	return weights.Check(expectations(n.Params()), sd)
}

// Param returns the description of a state_dict entry.
func (s *State) Param(name string) (Param, bool) {
	p, ok := s.byName[name]
	return p, ok
}

// Load copies values from sd into the existing tensors (so graphs built on
// this State see them), for the entries sd has.
func (s *State) Load(sd weights.StateDict) {
	for name, t := range sd {
		if v, ok := s.data[name]; ok {
			copy(v, t.Data)
		}
	}
}

// Params lists the State's entries in state_dict order.
func (s *State) Params() []Param { return s.params }

// NormState returns the shared BatchNorm state (running statistics, mode,
// ε, momentum) of the module at prefix, for backends other than gorgonia.
func (s *State) NormState(prefix string) (*ops.BatchNormState, bool) {
	n, ok := s.norms[prefix]
	return n, ok
}

// DropoutState returns the dropout switch and seeded random source shared by
// every graph of this State, so all backends draw the same masks.
func (s *State) DropoutState() *ops.DropoutState { return s.dropout }
