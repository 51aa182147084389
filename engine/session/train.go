package session

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/gpunet"
	"transferlab/engine/train"
)

// Job is one training run as a front end asks for it.
type Job struct {
	train.Config
	Data *dataset.Dataset
	// Weights is the pretrained weights file, for the cases that need one;
	// "" means the cached official (or imported) weights.
	Weights string
	// OutDir receives classifier.tlc; "" means the current folder.
	OutDir string
	// Device is where the training runs; "" means auto.
	Device device.Choice
	// Report also writes the run's report (the Result as JSON) to
	// report.json beside the classifier, committed with it.
	Report bool
}

// Trained is a finished (or stopped) run and its saved classifier.
type Trained struct {
	*train.Result
	Classifier *train.Classifier
	Path       string // the classifier file
}

// Train opens (and checks) the pretrained weights the case needs, trains,
// and saves the classifier into job.OutDir. progress gets the engine's
// events, the device first.
func (s *Session) Train(ctx context.Context, job Job, progress train.Progress) (*Trained, error) {
	tj := train.Job{Config: job.Config, Data: job.Data, FeatureCache: s.featureCache()}
	if job.Case.NeedsPretrained() {
		sd, err := s.Pretrained(job.Network, job.Weights)
		if err != nil {
			return nil, err
		}
		tj.Pretrained = sd
	}
	be, err := gpunet.Choose(job.Device)
	if err != nil {
		return nil, fmt.Errorf("%w; train on the CPU or let the app choose (automatic)", err)
	}
	defer be.Close()
	tj.Backend = be
	res, clf, err := train.Run(ctx, tj, progress)
	if err != nil {
		return nil, err
	}
	path, err := saveOutputs(job.OutDir, clf, res, job.Report)
	if err != nil {
		return nil, err
	}
	s.remember(path, clf)
	return &Trained{Result: res, Classifier: clf, Path: path}, nil
}

// saveOutputs writes classifier.tlc (and report.json when asked) into dir.
// Both are written in full to temporary files first and renamed only then,
// so a full disk leaves the previous pair (or nothing), never a new
// classifier beside an empty report.
func saveOutputs(dir string, clf *train.Classifier, res *train.Result, report bool) (string, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "classifier.tlc")
	tmpClf, err := stageClassifier(dir, clf)
	if err != nil {
		return "", err
	}
	// The report goes first: if its rename fails, the classifier it
	// describes is not replaced either.
	temps, staged := []string{tmpClf}, []string{path}
	defer func() { removeAll(temps) }() // what was renamed is gone from temps
	if report {
		tmpReport, err := stageReport(dir, res)
		if err != nil {
			return "", err
		}
		temps, staged = append([]string{tmpReport}, temps...), append([]string{filepath.Join(dir, "report.json")}, staged...)
	}
	for len(temps) > 0 {
		if err := os.Rename(temps[0], staged[0]); err != nil {
			return "", fmt.Errorf("save %s: %w", staged[0], err)
		}
		temps, staged = temps[1:], staged[1:]
	}
	return path, nil
}

// stageClassifier saves clf under a temporary name in dir.
func stageClassifier(dir string, clf *train.Classifier) (string, error) {
	tmp, err := os.CreateTemp(dir, ".classifier.tlc.new-*")
	if err != nil {
		return "", fmt.Errorf("save the classifier in %s: %w", dir, err)
	}
	tmp.Close()
	if err := clf.Save(tmp.Name()); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// stageReport writes res as indented JSON under a temporary name in dir,
// synced so the rename that follows cannot expose an empty file.
func stageReport(dir string, res *train.Result) (string, error) {
	js, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".report.json.new-*")
	if err != nil {
		return "", fmt.Errorf("save the report in %s: %w", dir, err)
	}
	_, err = tmp.Write(append(js, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // CreateTemp makes 0600; a report is not secret
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("save the report in %s (disk full?): %w", dir, err)
	}
	return tmp.Name(), nil
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// Collect reads folders and files as the app receives them (a folder of
// class folders, class folders, loose pictures); progress counts pictures
// checked.
func (s *Session) Collect(ctx context.Context, paths []string, progress func(done, total int)) (*dataset.Collection, error) {
	return dataset.Collect(ctx, paths, progress)
}

// Scan reads a folder of class folders (or of train/ and val/ folders) and
// splits it, holding out val of each class with seed when it has no split.
func (s *Session) Scan(ctx context.Context, dir string, val float64, seed int64, progress func(done, total int)) (*dataset.Dataset, error) {
	return dataset.Scan(ctx, dir, dataset.Options{ValFraction: val, Seed: seed, Progress: progress})
}

// Split holds out val of each class with seed; on a folder of class folders
// it gives the split Scan gives.
func (s *Session) Split(classes []dataset.Class, val float64, seed int64) (*dataset.Dataset, error) {
	return dataset.FromClasses(classes, val, seed)
}
