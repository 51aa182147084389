package train

import (
	"transferlab/engine/backend"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// learner is a model being trained: a linear classifier on cached features
// (the frozen-backbone cases, headLearner) or a whole network on images
// (the cases whose backbone trains, netLearner), on any backend. Items are
// indices into the training or validation set.
type learner interface {
	// step trains on one batch of training items, returning the batch's
	// summed loss and how many it classified correctly.
	step(items []int) (loss float64, correct int, err error)
	// logits evaluates validation items in evaluation mode: one row of K per item.
	logits(items []int) ([][]float32, error)
	// snapshot copies the values that training changes (from the device,
	// on a GPU); restore puts them back.
	snapshot() (weights.StateDict, error)
	restore(weights.StateDict) error
}

// lookahead is a learner that can load the next batch while it trains on
// the current one (see batchLoader).
type lookahead interface {
	next(items []int)
}

// pull copies the trainer's values into the host State and returns them.
func pull(tr backend.Trainer, st *models.State) (weights.StateDict, error) {
	if err := tr.Pull(); err != nil {
		return nil, err
	}
	return st.StateDict(), nil
}

// push loads sd into the host State and the device.
func push(tr backend.Trainer, st *models.State, sd weights.StateDict) error {
	st.Load(sd)
	return tr.Push()
}
