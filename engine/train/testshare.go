package train

import (
	"context"
	"fmt"
	"math"

	"transferlab/engine/dataset"
	"transferlab/engine/predict"
)

// TestEvaluation is the kept model on the held-out test pictures.
type TestEvaluation struct {
	Pictures  int           `json:"pictures"`
	Accuracy  float64       `json:"test_accuracy"`
	Loss      float64       `json:"test_loss"`
	Confusion [][]int       `json:"confusion"` // [true][predicted]
	PerClass  []ClassReport `json:"per_class"`
}

// testOn classifies data's test pictures with the kept model clf, the way
// predict does. A picture that cannot be read is left out and listed in
// res.Skipped; the rest are still counted.
func testOn(ctx context.Context, clf *Classifier, data *dataset.Dataset, res *Result, progress Progress) (*TestEvaluation, error) {
	files := pathsOf(data.Test)
	probs, err := clf.Classify(ctx, files, func(done, total int) {
		progress.send(Event{Phase: PhaseTest, Done: done, Total: total})
	})
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return nil, fmt.Errorf("train: testing the kept model: %w", err)
	}
	var preds []Prediction
	var loss float64
	for i, p := range probs {
		if p == nil {
			res.Skipped = append(res.Skipped, dataset.Skipped{Path: files[i], Reason: "could not be read, so it was left out of the test pictures"})
			continue
		}
		truth := data.Test[i].Class
		preds = append(preds, Prediction{File: files[i], True: truth, Predicted: argmax(p), Probs: p})
		loss -= math.Log(math.Max(p[truth], 1e-12))
	}
	if len(preds) == 0 {
		return nil, fmt.Errorf("train: no test picture could be read")
	}
	ev := evaluate(data.Classes, preds, loss/float64(len(preds)))
	return &TestEvaluation{Pictures: len(preds), Accuracy: ev.Accuracy, Loss: ev.Loss, Confusion: ev.Confusion, PerClass: ev.PerClass}, nil
}
