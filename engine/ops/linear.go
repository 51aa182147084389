package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
)

// Linear is torch.nn.functional.linear: x (N, In) times wᵀ, with w stored in
// torch's (Out, In) layout, plus b (Out) when b is not nil, giving (N, Out).
func Linear(x, w, b *gorgonia.Node) (*gorgonia.Node, error) {
	if err := checkNode("ops.Linear", "input", x, 2); err != nil {
		return nil, err
	}
	if err := checkNode("ops.Linear", "weight", w, 2); err != nil {
		return nil, err
	}
	if in := x.Shape()[1]; w.Shape()[1] != in {
		return nil, fmt.Errorf("ops.Linear: weight %s has shape %v (Out, In), input %s has %d features (shape %v)",
			w.Name(), w.Shape(), x.Name(), in, x.Shape())
	}
	y, err := gorgonia.ApplyOp(&matMulOp{transB: true}, x, w)
	if err != nil {
		return nil, fmt.Errorf("ops.Linear: %w", err)
	}
	if b == nil {
		return y, nil
	}
	return addBias("ops.Linear", y, b)
}
