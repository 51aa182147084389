package train

import "transferlab/engine/backend"

// optimiser is the case's optimiser (its recipe's) at learning rate lr, on
// any backend.
func (c Config) optimiser(lr float64) backend.Optimiser {
	r := c.Case.Recipe()
	return backend.Optimiser{Rule: r.Optimiser, LR: lr, Momentum: r.Momentum}
}
