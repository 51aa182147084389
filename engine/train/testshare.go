package train

import (
	"context"
	"fmt"

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
// eval does. A picture that cannot be read is left out and listed in
// res.Skipped; the rest are still counted.
func testOn(ctx context.Context, clf *Classifier, data *dataset.Dataset, res *Result, progress Progress) (*TestEvaluation, error) {
	files := pathsOf(data.Test)
	truth := make([]int, len(data.Test))
	for i, it := range data.Test {
		truth[i] = it.Class
	}
	ev, preds, err := clf.Evaluate(ctx, files, truth, func(done, total int) {
		progress.send(Event{Phase: PhaseTest, Done: done, Total: total})
	})
	if _, partial := predict.AsUnreadable(err); err != nil && (!partial || len(preds) == 0) {
		return nil, fmt.Errorf("train: testing the kept model: %w", err)
	}
	for _, f := range Unpredicted(files, preds) {
		res.Skipped = append(res.Skipped, dataset.Skipped{Path: f, Reason: "could not be decoded, so it was left out of the test pictures"})
	}
	return &TestEvaluation{Pictures: len(preds), Accuracy: ev.Accuracy, Loss: ev.Loss, Confusion: ev.Confusion, PerClass: ev.PerClass}, nil
}

// Unpredicted lists the files Evaluate gave no prediction for: those it
// could not read.
func Unpredicted(files []string, preds []Prediction) []string {
	got := make(map[string]bool, len(preds))
	for _, p := range preds {
		got[p.File] = true
	}
	var out []string
	for _, f := range files {
		if !got[f] {
			out = append(out, f)
		}
	}
	return out
}

func pathsOf(items []dataset.Item) []string {
	ps := make([]string, len(items))
	for i, it := range items {
		ps[i] = it.Path
	}
	return ps
}
