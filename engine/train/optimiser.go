package train

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/cases"
)

// solver is the case's optimiser (its recipe's) at learning rate lr on
// gorgonia's graphs.
func (c Config) solver(lr float64) G.Solver {
	r := c.Case.Recipe()
	if r.Optimiser == cases.Adam {
		return G.NewAdamSolver(G.WithLearnRate(lr))
	}
	return G.NewMomentum(G.WithLearnRate(lr), G.WithMomentum(r.Momentum))
}
