package train

import (
	"context"
	"math"
	"math/rand"
	"time"

	"transferlab/engine/predict"
	"transferlab/engine/weights"
)

// loop runs epochs with early stopping on the validation loss and keeps the
// best epoch's values.
type loop struct {
	cfg       Config
	trainY    []int // class of each training item
	valY      []int // class of each validation item
	dropLast  bool  // drop a short last batch (BatchNorm needs real batches)
	progress  Progress
	best      weights.StateDict
	bestEpoch int
	history   []Epoch
}

// run trains until the epochs are done, the validation loss stops improving
// for cfg.Patience epochs, or ctx is cancelled. It returns stopped=true when
// cancelled after at least one epoch: the best values so far are restored.
func (l *loop) run(ctx context.Context, m learner) (stopped bool, err error) {
	rng := rand.New(rand.NewSource(l.cfg.Seed))
	bestLoss := math.Inf(1)
	for epoch := 1; epoch <= l.cfg.Epochs; epoch++ {
		start := time.Now()
		e, err := l.epoch(ctx, m, rng)
		if err != nil {
			if ctx.Err() != nil && l.best != nil {
				return true, m.restore(l.best)
			}
			return false, err
		}
		e.Epoch, e.Seconds = epoch, time.Since(start).Seconds()
		l.history = append(l.history, e)
		l.progress.send(Event{Phase: PhaseEpoch, Done: epoch, Total: l.cfg.Epochs, Epoch: &e})
		if e.ValLoss < bestLoss {
			if l.best, err = m.snapshot(); err != nil {
				return false, err
			}
			bestLoss, l.bestEpoch = e.ValLoss, epoch
		} else if epoch-l.bestEpoch >= l.cfg.Patience {
			break
		}
	}
	return false, m.restore(l.best)
}

// epoch trains on every training item once, in a seeded random order, then
// measures the validation set.
func (l *loop) epoch(ctx context.Context, m learner, rng *rand.Rand) (Epoch, error) {
	order := rng.Perm(len(l.trainY))
	batches := batchesOf(order, l.batch(), l.dropLast)
	var lossSum float64
	var correct, seen int
	for i, b := range batches {
		if err := ctx.Err(); err != nil {
			return Epoch{}, err
		}
		if la, ok := m.(lookahead); ok {
			var next []int
			if i+1 < len(batches) {
				next = batches[i+1]
			}
			la.next(next)
		}
		loss, c, err := m.step(b)
		if err != nil {
			return Epoch{}, err
		}
		lossSum, correct, seen = lossSum+loss, correct+c, seen+len(b)
		l.progress.send(Event{Phase: PhaseBatch, Done: i + 1, Total: len(batches)})
	}
	preds, valLoss, err := l.validate(m)
	if err != nil {
		return Epoch{}, err
	}
	return Epoch{
		TrainLoss: lossSum / float64(seen), TrainAccuracy: float64(correct) / float64(seen),
		ValLoss: valLoss, ValAccuracy: accuracy(preds),
	}, nil
}

// validate predicts every validation item; it returns the mean loss too.
func (l *loop) validate(m learner) ([]Prediction, float64, error) {
	idx := make([]int, len(l.valY))
	for i := range idx {
		idx[i] = i
	}
	var preds []Prediction
	var lossSum float64
	for _, b := range batchesOf(idx, l.batch(), false) {
		rows, err := m.logits(b)
		if err != nil {
			return nil, 0, err
		}
		for j, row := range rows {
			p, loss := softmaxLoss(row, l.valY[b[j]])
			lossSum += loss
			preds = append(preds, Prediction{True: l.valY[b[j]], Predicted: argmax(p), Probs: p})
		}
	}
	return preds, lossSum / float64(len(preds)), nil
}

// batch is the batch size; 0 means the whole training set.
func (l *loop) batch() int {
	if l.cfg.Batch == 0 {
		return max(len(l.trainY), len(l.valY))
	}
	return l.cfg.Batch
}

func batchesOf(order []int, size int, dropLast bool) [][]int {
	var out [][]int
	for s := 0; s < len(order); s += size {
		e := min(s+size, len(order))
		if dropLast && e-s < size && s > 0 {
			break
		}
		out = append(out, order[s:e])
	}
	return out
}

// softmaxLoss returns the probabilities and the cross-entropy of the true
// class (floored, so one confident mistake cannot make the mean infinite).
func softmaxLoss(logits []float32, truth int) ([]float64, float64) {
	p := predict.Softmax(logits)
	return p, -math.Log(math.Max(p[truth], 1e-12))
}

func argmax(p []float64) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}

func accuracy(preds []Prediction) float64 {
	correct := 0
	for _, p := range preds {
		if p.True == p.Predicted {
			correct++
		}
	}
	return float64(correct) / float64(max(len(preds), 1))
}
