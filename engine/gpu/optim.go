package gpu

import (
	"fmt"
	"math"
)

// The optimisers update in place with gorgonia's rules and order of float32
// operations (engine/train uses gorgonia's solvers on the CPU; both backends
// must take the same steps). Unlike gorgonia they leave g as it is: GPU
// gradients are fresh tensors every step.

// Momentum: v = momentum·v − lr·g; w += v   (gorgonia.Momentum, batch 1, no clip/L2)
func (d *Device) Momentum(w, g, v *Tensor, lr, momentum float32) error {
	if err := w.usable("Momentum w"); err != nil {
		return err
	}
	if err := check("Momentum", need{"g", g, w.n}, need{"v", v, w.n}); err != nil {
		return err
	}
	return d.run("momentum", w.n, push(w.n, -lr, momentum), w, g, v)
}

// Adam with step t (1-based): m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
// w −= lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps)   (gorgonia.AdamSolver)
func (d *Device) Adam(w, g, m, v *Tensor, lr, beta1, beta2, eps float32, t int) error {
	if t < 1 {
		return fmt.Errorf("gpu: Adam: step %d must be at least 1", t)
	}
	if err := w.usable("Adam w"); err != nil {
		return err
	}
	if err := check("Adam", need{"g", g, w.n}, need{"m", m, w.n}, need{"v", v, w.n}); err != nil {
		return err
	}
	// gorgonia computes the corrections in float64 and their inverses in float32.
	c1 := float32(1) / float32(1-math.Pow(float64(beta1), float64(t)))
	c2 := float32(1) / float32(1-math.Pow(float64(beta2), float64(t)))
	pc := push(w.n, -lr, beta1, beta2, 1-beta1, 1-beta2, eps, c1, c2)
	return d.run("adam", w.n, pc, w, g, m, v)
}
