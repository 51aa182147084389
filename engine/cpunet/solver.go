package cpunet

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
)

// solverOf is gorgonia's solver for an optimiser.
func solverOf(o backend.Optimiser) G.Solver {
	if o.Rule == cases.Adam {
		return G.NewAdamSolver(G.WithLearnRate(o.LR))
	}
	return G.NewMomentum(G.WithLearnRate(o.LR), G.WithMomentum(o.Momentum))
}
