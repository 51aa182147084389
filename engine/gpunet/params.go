package gpunet

import (
	"fmt"

	"transferlab/engine/gpu"
	"transferlab/engine/models"
)

// Params is a models.State mirrored on the device: every state_dict entry
// but num_batches_tracked (weights, biases, BatchNorm scale/shift and
// running statistics) as one
// device tensor. The State stays the host copy: Pull and Push move values
// between them, so snapshots, checkpoints and the CPU code see the same
// numbers.
type Params struct {
	dev     *gpu.Device
	state   *models.State
	tensors map[string]*gpu.Tensor
}

// NewParams uploads every entry of st.
func NewParams(dev *gpu.Device, st *models.State) (*Params, error) {
	p := &Params{dev: dev, state: st, tensors: map[string]*gpu.Tensor{}}
	for _, e := range st.Params() {
		if e.Kind == models.BatchCount { // never changes during training, on either backend
			continue
		}
		data, err := st.Data(e.Name)
		if err != nil {
			return nil, err
		}
		t, err := dev.FromHost(data, e.Shape...)
		if err != nil {
			p.Free()
			return nil, fmt.Errorf("gpunet: uploading %s: %w", e.Name, err)
		}
		p.tensors[e.Name] = t
	}
	return p, nil
}

// Tensor returns the device tensor of a state_dict entry.
func (p *Params) Tensor(name string) (*gpu.Tensor, error) {
	t, ok := p.tensors[name]
	if !ok {
		return nil, fmt.Errorf("gpunet: no state_dict entry %q", name)
	}
	return t, nil
}

// Pull copies the device values into the host State.
func (p *Params) Pull() error {
	for name, t := range p.tensors {
		v, err := p.dev.ToHost(t)
		if err != nil {
			return err
		}
		data, err := p.state.Data(name)
		if err != nil {
			return err
		}
		copy(data, v)
	}
	return nil
}

// Push copies the host State's values to the device (after a restore).
func (p *Params) Push() error {
	for name, t := range p.tensors {
		data, err := p.state.Data(name)
		if err != nil {
			return err
		}
		if err := p.dev.Write(t, data); err != nil {
			return err
		}
	}
	return nil
}

// Free releases the device tensors.
func (p *Params) Free() {
	for _, t := range p.tensors {
		t.Free()
	}
	p.tensors = nil
}
