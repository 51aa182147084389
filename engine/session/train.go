package session

import (
	"context"
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
	path, err := saveClassifier(job.OutDir, clf)
	if err != nil {
		return nil, err
	}
	s.remember(path, clf)
	return &Trained{Result: res, Classifier: clf, Path: path}, nil
}

// saveClassifier writes classifier.tlc into dir.
func saveClassifier(dir string, clf *train.Classifier) (string, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "classifier.tlc")
	return path, clf.Save(path)
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
