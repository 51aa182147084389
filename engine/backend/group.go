package backend

import "transferlab/engine/cases"

// Group is a set of parameters trained by one optimiser (a fine-tuned
// backbone learns at a lower rate than the new classifier).
type Group struct {
	// Match says whether a state_dict entry belongs to the group.
	Match     func(name string) bool
	Optimiser Optimiser
}

// Optimiser is an update rule at a learning rate; every backend applies
// gorgonia's rules (the GPU tests compare their steps with the CPU's).
type Optimiser struct {
	Rule     cases.Optimiser // cases.Adam or cases.Momentum
	LR       float64
	Momentum float64 // μ of cases.Momentum; unused by Adam
}
