package gpunet

import "transferlab/engine/gpu"

// Optimizer updates parameters in place on the device from their gradients,
// with the update rule of the gorgonia solver engine/train uses on the CPU.
type Optimizer interface {
	// begin starts one training step (Adam counts steps).
	begin()
	// update applies one step to the parameter called name.
	update(dev *gpu.Device, name string, w, g *gpu.Tensor) error
	// free releases the optimiser's device state.
	free()
}

// Momentum is gorgonia's Momentum: v = μ·v − lr·g; w += v.
type Momentum struct {
	LR, Mu   float32
	velocity map[string]*gpu.Tensor
}

// NewMomentum returns a momentum optimiser with no state yet.
func NewMomentum(lr, mu float64) *Momentum {
	return &Momentum{LR: float32(lr), Mu: float32(mu), velocity: map[string]*gpu.Tensor{}}
}

func (m *Momentum) begin() {}

func (m *Momentum) update(dev *gpu.Device, name string, w, g *gpu.Tensor) error {
	v, err := stateFor(dev, m.velocity, name, w)
	if err != nil {
		return err
	}
	return dev.Momentum(w, g, v, m.LR, m.Mu)
}

func (m *Momentum) free() { freeAll(m.velocity) }

// Adam is gorgonia's AdamSolver (bias-corrected moments, ε outside the root).
type Adam struct {
	LR, Beta1, Beta2, Eps float32
	step                  int
	mean, variance        map[string]*gpu.Tensor
}

// NewAdam returns Adam with gorgonia's defaults (β1 0.9, β2 0.999, ε 1e-8).
func NewAdam(lr float64) *Adam {
	return &Adam{LR: float32(lr), Beta1: 0.9, Beta2: 0.999, Eps: 1e-8,
		mean: map[string]*gpu.Tensor{}, variance: map[string]*gpu.Tensor{}}
}

func (a *Adam) begin() { a.step++ }

func (a *Adam) update(dev *gpu.Device, name string, w, g *gpu.Tensor) error {
	m, err := stateFor(dev, a.mean, name, w)
	if err != nil {
		return err
	}
	v, err := stateFor(dev, a.variance, name, w)
	if err != nil {
		return err
	}
	return dev.Adam(w, g, m, v, a.LR, a.Beta1, a.Beta2, a.Eps, a.step)
}

func (a *Adam) free() {
	freeAll(a.mean)
	freeAll(a.variance)
}

// stateFor returns the zero-initialised per-parameter state tensor.
func stateFor(dev *gpu.Device, m map[string]*gpu.Tensor, name string, like *gpu.Tensor) (*gpu.Tensor, error) {
	if t, ok := m[name]; ok {
		return t, nil
	}
	t, err := dev.Zeros(like.Shape()...)
	if err != nil {
		return nil, err
	}
	m[name] = t
	return t, nil
}

func freeAll(m map[string]*gpu.Tensor) {
	for k, t := range m {
		t.Free()
		delete(m, k)
	}
}

// FreeOptimizer releases an optimiser's device state (momentum, moments).
func FreeOptimizer(o Optimizer) { o.free() }
