package project

import (
	"encoding/json"
	"math"
	"strconv"
	"time"

	"transferlab/engine/cases"
	"transferlab/ui"
)

// fileRun is a Run as stored. Names follow the command line's --json output
// (val_accuracy, confusion, train_loss ...) so one reader serves both.
type fileRun struct {
	Network     string           `json:"network"`
	Case        cases.Case       `json:"case"`
	Settings    Settings         `json:"settings"`
	Finished    time.Time        `json:"finished"`
	Classes     []string         `json:"classes"`
	History     []fileEpoch      `json:"history"`
	BestEpoch   int              `json:"best_epoch"`
	Confusion   [][]int          `json:"confusion"`
	ValAccuracy number           `json:"val_accuracy"`
	Precision   []number         `json:"precision"`
	Recall      []number         `json:"recall"`
	Predictions []filePrediction `json:"predictions"`
	Classifier  string           `json:"classifier"`
	Device      string           `json:"device,omitempty"`
	Stopped     bool             `json:"stopped,omitempty"`
	Seconds     number           `json:"seconds,omitempty"`
	Test        *fileTest        `json:"test,omitempty"`
}

// fileTest is ui.TestFigures as stored (the names of train --json's).
type fileTest struct {
	Pictures  int     `json:"pictures"`
	Accuracy  number  `json:"test_accuracy"`
	Confusion [][]int `json:"confusion"`
}

type fileEpoch struct {
	Epoch     int    `json:"epoch"`
	TrainLoss number `json:"train_loss"`
	ValLoss   number `json:"val_loss"`
	TrainAcc  number `json:"train_accuracy"`
	ValAcc    number `json:"val_accuracy"`
	Seconds   number `json:"seconds"`
}

type filePrediction struct {
	Path      string   `json:"path"`
	True      int      `json:"true"`
	Predicted int      `json:"predicted"`
	Probs     []number `json:"probs"`
}

// number is a float64 that survives JSON when it is not finite: a diverged
// run's NaN loss must not make the whole project unsaveable, so NaN and
// the infinities are written as null and read back as NaN.
type number float64

func (n number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

func (n *number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = number(math.NaN())
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*n = number(f)
	return err
}

// storedRun converts r for the file, paths relative to dir where they lie
// inside it (the classifier usually sits in the project's models folder).
func storedRun(dir string, r Run) fileRun {
	res := r.Result
	out := fileRun{
		Network: r.Network, Case: r.Case, Settings: r.Settings, Finished: r.Finished,
		Classes: res.Classes, BestEpoch: res.BestEpoch, Confusion: res.Confusion,
		ValAccuracy: number(res.ValAccuracy), Precision: numbers(res.Precision), Recall: numbers(res.Recall),
		Classifier: storedPath(dir, res.ClassifierPath), Device: res.Device, Stopped: res.Stopped,
		Seconds: number(res.Seconds),
	}
	if t := res.Test; t != nil {
		out.Test = &fileTest{Pictures: t.Pictures, Accuracy: number(t.Accuracy), Confusion: t.Confusion}
	}
	for _, e := range res.History {
		out.History = append(out.History, fileEpoch{Epoch: e.Epoch, TrainLoss: number(e.TrainLoss), ValLoss: number(e.ValLoss),
			TrainAcc: number(e.TrainAcc), ValAcc: number(e.ValAcc), Seconds: number(e.Seconds)})
	}
	for _, p := range res.Predictions {
		out.Predictions = append(out.Predictions, filePrediction{Path: storedPath(dir, p.Path), True: p.True, Predicted: p.Predicted, Probs: numbers(p.Probs)})
	}
	return out
}

// run converts a stored run back, resolving paths against dir, and checks
// that its figures fit its classes: the screens index them without asking.
func (f fileRun) run(dir string) (Run, error) {
	res := ui.TrainResult{
		Classes: f.Classes, BestEpoch: f.BestEpoch, Confusion: f.Confusion, ValAccuracy: float64(f.ValAccuracy),
		Precision: floats(f.Precision), Recall: floats(f.Recall), ClassifierPath: resolvedPath(dir, f.Classifier),
		Device: f.Device, Stopped: f.Stopped, Seconds: float64(f.Seconds),
	}
	if t := f.Test; t != nil {
		res.Test = &ui.TestFigures{Pictures: t.Pictures, Accuracy: float64(t.Accuracy), Confusion: t.Confusion}
	}
	for _, e := range f.History {
		res.History = append(res.History, ui.EpochStats{Epoch: e.Epoch, TrainLoss: float64(e.TrainLoss), ValLoss: float64(e.ValLoss),
			TrainAcc: float64(e.TrainAcc), ValAcc: float64(e.ValAcc), Seconds: float64(e.Seconds)})
	}
	for _, p := range f.Predictions {
		res.Predictions = append(res.Predictions, ui.ImagePrediction{Path: resolvedPath(dir, p.Path), True: p.True, Predicted: p.Predicted, Probs: floats(p.Probs)})
	}
	r := Run{Network: f.Network, Case: f.Case, Settings: f.Settings, Finished: f.Finished, Result: res}
	if f.Classifier == "" {
		// Resolved against dir it would name the project's own folder.
		return r, newProblem("it names no classifier file")
	}
	return r, r.check()
}

// check says what does not fit in a run read from a file.
func (r Run) check() error {
	res := r.Result
	n := len(res.Classes)
	switch {
	case n == 0:
		return newProblem("it has no classes")
	case res.ClassifierPath == "" || res.ClassifierPath == ".":
		return newProblem("it names no classifier file")
	case len(res.Confusion) != n || len(res.Precision) != n || len(res.Recall) != n:
		return newProblem("its figures do not match its {{.N}} classes", map[string]any{"N": n})
	}
	for _, row := range res.Confusion {
		if len(row) != n {
			return newProblem("its confusion matrix is not {{.N}}×{{.N}}", map[string]any{"N": n})
		}
	}
	if t := res.Test; t != nil && (len(t.Confusion) != n || t.Pictures < 1) {
		return newProblem("its test figures do not match its {{.N}} classes", map[string]any{"N": n})
	}
	for _, p := range res.Predictions {
		if p.True < 0 || p.True >= n || p.Predicted < 0 || p.Predicted >= n || len(p.Probs) != n {
			return newProblem("its prediction for {{.File}} does not match its {{.N}} classes", map[string]any{"File": p.Path, "N": n})
		}
	}
	return nil
}

func numbers(fs []float64) []number {
	if fs == nil {
		return nil
	}
	out := make([]number, len(fs))
	for i, f := range fs {
		out[i] = number(f)
	}
	return out
}

func floats(ns []number) []float64 {
	if ns == nil {
		return nil
	}
	out := make([]float64, len(ns))
	for i, n := range ns {
		out[i] = float64(n)
	}
	return out
}
