package train

import (
	"context"
	"fmt"
	"math"
	"math/rand"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
)

// CrossValidation is how well the frozen cases' classifier does on some
// features, measured on pictures it did not train on.
type CrossValidation struct {
	// Accuracy is the mean over the folds of the share of held-back
	// pictures classified correctly; Spread is the folds' standard
	// deviation around it.
	Accuracy, Spread float64
	Folds            []float64 // each fold's accuracy
}

// CrossValidate fits the frozen cases' classifier with their recipe (the
// one Run uses: standardised features, Adam, early stopping on the held-back
// pictures' loss) k times, each time holding back one of k stratified folds
// (every class spread evenly over the folds, in a seeded random order), and
// measures it on that fold: feats (N, D), labels in [0, classes). be nil
// means the CPU.
func CrossValidate(ctx context.Context, feats [][]float32, labels []int, classes, k int, seed int64, be backend.Backend) (CrossValidation, error) {
	if len(feats) != len(labels) || len(feats) < k || k < 2 {
		return CrossValidation{}, fmt.Errorf("train: cross-validation needs at least %d pictures, one per fold; there are %d", max(k, 2), len(feats))
	}
	if be == nil {
		be = cpunet.New("")
	}
	cfg := Config{Case: cases.FrozenBackbone, Seed: seed}.Defaults()
	fold := stratifiedFolds(labels, classes, k, seed)
	var cv CrossValidation
	for f := 0; f < k; f++ {
		acc, err := heldBackAccuracy(ctx, cfg, feats, labels, fold, f, classes, be)
		if err != nil {
			return CrossValidation{}, err
		}
		cv.Folds = append(cv.Folds, acc)
	}
	cv.Accuracy, cv.Spread = meanAndSpread(cv.Folds)
	return cv, nil
}

// stratifiedFolds deals each class's items, shuffled with seed, round the
// k folds in turn, carrying on where the previous class stopped so the folds
// stay equal in size: the fold of each item.
func stratifiedFolds(labels []int, classes, k int, seed int64) []int {
	rng := rand.New(rand.NewSource(seed))
	fold := make([]int, len(labels))
	next := 0
	for c := 0; c < classes; c++ {
		var members []int
		for i, l := range labels {
			if l == c {
				members = append(members, i)
			}
		}
		rng.Shuffle(len(members), func(a, b int) { members[a], members[b] = members[b], members[a] })
		for _, i := range members {
			fold[i] = next % k
			next++
		}
	}
	return fold
}

// heldBackAccuracy trains on every fold but f and returns the accuracy on f.
func heldBackAccuracy(ctx context.Context, cfg Config, feats [][]float32, labels, fold []int, f, classes int, be backend.Backend) (float64, error) {
	var trainX, valX [][]float32
	var trainY, valY []int
	for i, x := range feats {
		if fold[i] == f {
			valX, valY = append(valX, x), append(valY, labels[i])
		} else {
			trainX, trainY = append(trainX, x), append(trainY, labels[i])
		}
	}
	h, err := newHeadLearner(trainX, valX, trainY, classes, be, cfg.optimiser(cfg.LR))
	if err != nil {
		return 0, err
	}
	defer h.close()
	l := &loop{cfg: cfg, trainY: trainY, valY: valY}
	if _, err := l.run(ctx, h); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	preds, _, err := l.validate(h)
	if err != nil {
		return 0, err
	}
	return accuracy(preds), nil
}

// meanAndSpread is the mean and the sample standard deviation of xs.
func meanAndSpread(xs []float64) (float64, float64) {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(max(len(xs)-1, 1)))
}
