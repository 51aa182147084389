package cases

import (
	"fmt"
	"strconv"
)

// Optimiser is how the weights follow their gradients.
type Optimiser string

const (
	// Adam suits the frozen cases: a linear classifier on standardised
	// features trained on all pictures at once is a convex problem, and Adam
	// solves it in a few hundred cheap steps from any start.
	Adam Optimiser = "Adam"
	// Momentum is SGD with momentum, the usual choice for whole networks on
	// mini-batches (as in PyTorch's transfer-learning tutorial).
	Momentum Optimiser = "SGD with momentum"
)

// Recipe is how a case trains by default. Epochs, Patience, Batch, LR and
// Augment are what the user may override (0, or the augmentation switch
// off); the rest is fixed by the case.
type Recipe struct {
	Epochs   int // upper bound; early stopping may end sooner
	Patience int // epochs without a lower validation loss before stopping
	// Batch is the pictures per step; 0 means all training pictures at once.
	Batch int
	// LR is the learning rate of the new classifier.
	LR        float64
	Optimiser Optimiser
	Momentum  float64 // of Momentum; unused by Adam
	// BackboneLRScale multiplies LR for the pretrained layers when they
	// train: small in fine-tuning, so it adjusts rather than overwrites what
	// ImageNet taught them; 1 from scratch, where there is nothing to keep.
	BackboneLRScale float64
	// KeepNormStatistics keeps the pretrained BatchNorm running statistics
	// while the backbone trains: with small batches of new data, batch
	// statistics would be noisier than ImageNet's.
	KeepNormStatistics bool
	// Augment says whether random crops and flips apply (when the user
	// leaves them on): only where pictures go through the network every
	// epoch, not where features are computed once.
	Augment bool
}

// Recipe returns the case's default recipe; the zero Recipe for an invalid
// case.
func (c Case) Recipe() Recipe {
	if !c.Valid() {
		return Recipe{}
	}
	if !c.TrainsBackbone() {
		return Recipe{Epochs: 300, Patience: 10, Batch: 0, LR: 1e-3, Optimiser: Adam}
	}
	r := Recipe{Epochs: 15, Patience: 5, Batch: 16, LR: 1e-3, Optimiser: Momentum, Momentum: 0.9, BackboneLRScale: 1, Augment: true}
	if c.NeedsPretrained() {
		r.BackboneLRScale, r.KeepNormStatistics = 0.1, true
	}
	return r
}

// BatchText is the batch in words: a number, or all pictures at once.
func (r Recipe) BatchText() string {
	if r.Batch == 0 {
		return "all training pictures at once"
	}
	return strconv.Itoa(r.Batch)
}

// OptimiserText names the optimiser with its setting.
func (r Recipe) OptimiserText() string {
	if r.Optimiser == Momentum {
		return fmt.Sprintf("%s %g", r.Optimiser, r.Momentum)
	}
	return string(r.Optimiser)
}

// Plain says in plain words what trains, on how many pictures at a time and
// for how long; the app shows it as what "auto" means.
func (c Case) Plain() string {
	r := c.Recipe()
	what := "the new last step trains"
	if c.TrainsBackbone() {
		what = "the whole network trains"
	}
	batch := "on all pictures at once"
	if r.Batch > 0 {
		batch = fmt.Sprintf("in batches of %d pictures", r.Batch)
	}
	return fmt.Sprintf("%s %s for up to %d epochs, and stops when %d epochs in a row bring no improvement",
		what, batch, r.Epochs, r.Patience)
}
