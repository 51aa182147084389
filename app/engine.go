package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"transferlab/engine/dataset"
	"transferlab/engine/demo"
	"transferlab/engine/gpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/predict"
	"transferlab/engine/train"
	"transferlab/engine/weights"
	"transferlab/ui"
)

// Engine adapts the engine packages to the interface the screens declare.
type Engine struct {
	// cacheDir holds weights and feature caches ($TRANSFERLAB_CACHE or the
	// user cache folder).
	cacheDir string

	mu          sync.Mutex
	classifiers map[string]*train.Classifier // loaded by path, for Try it
}

// NewEngine uses the user's cache folder.
func NewEngine() (*Engine, error) {
	dir, err := weights.CacheDir()
	if err != nil {
		return nil, err
	}
	return &Engine{cacheDir: dir, classifiers: map[string]*train.Classifier{}}, nil
}

func (e *Engine) Networks() []ui.Network {
	var out []ui.Network
	for _, name := range models.Names() {
		net, err := models.New(name)
		if err != nil {
			continue
		}
		info, _ := models.Describe(name)
		src, _ := weights.Official(name)
		_, cached := weights.Cached(name)
		size := float64(src.Bytes) / 1e6
		if size == 0 {
			size = float64(net.ParamCount()) * 4 / 1e6
		}
		out = append(out, ui.Network{
			Name: name, Title: info.Title, Params: int64(net.ParamCount()), SizeMB: size,
			Top1: info.Top1, WeightsAvailable: cached,
		})
	}
	return out
}

func (e *Engine) FetchWeights(ctx context.Context, network string, progress func(done, total int64)) (err error) {
	defer caught("the download", &err)
	src, ok := weights.Official(network)
	if !ok {
		return fmt.Errorf("no official weights for %q", network)
	}
	_, err = weights.Fetch(ctx, src, "", progress)
	return err
}

func (e *Engine) ImportWeights(network, file string) (err error) {
	defer caught("the import", &err)
	net, err := models.New(network)
	if err != nil {
		return err
	}
	_, err = weights.Import(network, file, "", net.CheckWeights)
	return err
}

func (e *Engine) Scan(ctx context.Context, paths []string, progress func(done, total int)) (_ ui.Dataset, err error) {
	defer caught("reading the pictures", &err)
	c, err := dataset.Collect(ctx, paths, progress)
	if err != nil {
		return ui.Dataset{}, err
	}
	d := ui.Dataset{Unlabelled: c.Unlabelled}
	for _, cl := range c.Classes {
		d.Classes = append(d.Classes, ui.ClassImages{Name: cl.Name, Images: cl.Files})
	}
	for _, s := range c.Skipped {
		d.Unreadable = append(d.Unreadable, ui.BadFile{Path: s.Path, Reason: s.Reason})
	}
	return d, nil
}

// Recommend measures how familiar the pictures look to the network when its
// weights are here, and combines that with the class sizes.
func (e *Engine) Recommend(ctx context.Context, network string, classes []ui.ClassImages) (_ ui.Recommendation, err error) {
	defer caught("the recommendation", &err)
	smallest, sample := -1, []string{}
	for _, c := range classes {
		if smallest < 0 || len(c.Images) < smallest {
			smallest = len(c.Images)
		}
		sample = append(sample, spread(c.Images, familiaritySample/max(1, len(classes)))...)
	}
	likeness := -1.0
	if sd, err := pretrained(network); err == nil && len(sample) > 0 {
		p, err := predict.New(network, sd)
		if err != nil {
			return ui.Recommendation{}, err
		}
		if likeness, err = p.Familiarity(ctx, sample); err != nil {
			return ui.Recommendation{}, err
		}
	}
	a := train.Recommend(max(smallest, 0), likeness)
	return ui.Recommendation{Case: a.Case, Reason: a.Reason, ImageNetLike: likeness}, nil
}

// familiaritySample is about how many pictures (spread over the classes)
// the pretrained network looks at for a recommendation: enough for a
// steady average, few enough to answer in seconds on a laptop.
const familiaritySample = 64

// spread picks up to n items evenly from xs, in order (all when n >= len).
func spread(xs []string, n int) []string {
	n = max(n, 4)
	if len(xs) <= n {
		return xs
	}
	out := make([]string, n)
	for k := range out {
		out[k] = xs[k*len(xs)/n]
	}
	return out
}

// pretrained loads a network's cached official (or imported) weights.
func pretrained(network string) (weights.StateDict, error) {
	path, ok := weights.Cached(network)
	if !ok {
		return nil, fmt.Errorf("the pretrained weights of %s are not on this computer yet: download them, or import the file", network)
	}
	sd, _, err := weights.LoadAny(path)
	return sd, err
}

func (e *Engine) Train(ctx context.Context, req ui.TrainRequest, progress func(ui.TrainEvent)) (_ ui.TrainResult, err error) {
	defer caught("training", &err)
	classes := make([]dataset.Class, len(req.Classes))
	for i, c := range req.Classes {
		classes[i] = dataset.Class{Name: c.Name, Files: c.Images}
	}
	ds, err := dataset.FromClasses(classes, req.ValShare, req.Seed)
	if err != nil {
		return ui.TrainResult{}, err
	}
	job := train.Job{
		Config: train.Config{
			Network: req.Network, Case: req.Case, Epochs: req.Epochs, Batch: req.BatchSize,
			LR: req.LearningRate, ValFraction: req.ValShare, Seed: req.Seed, Augment: req.Augment,
			Transform: imageprep.ImageNetAt(req.ImageSize), Device: req.Device,
		},
		Data:         ds,
		FeatureCache: filepath.Join(e.cacheDir, "features"),
	}
	if req.Case.NeedsPretrained() {
		if job.Pretrained, err = pretrained(req.Network); err != nil {
			return ui.TrainResult{}, err
		}
	}
	res, clf, err := train.Run(ctx, job, trainEvents(job.Config.Defaults().Epochs, progress))
	if err != nil {
		return ui.TrainResult{}, err
	}
	path, err := saveClassifier(req.OutDir, clf)
	if err != nil {
		return ui.TrainResult{}, err
	}
	e.mu.Lock()
	e.classifiers[path] = clf
	e.mu.Unlock()
	return trainResult(res, path), nil
}

// saveClassifier writes classifier.tlc into dir (the project's folder).
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

// trainEvents translates engine progress into the screens' events; epochs
// is the upper bound the engine trains for (early stopping may end sooner).
func trainEvents(epochs int, progress func(ui.TrainEvent)) train.Progress {
	epoch := 1
	device := "" // named by the engine's first event
	return func(ev train.Event) {
		if ev.Phase == train.PhaseDevice {
			device = ev.Message // shown with the first progress that follows
			return
		}
		out := ui.TrainEvent{Device: device, Message: ev.Message}
		switch ev.Phase {
		case train.PhaseFeatures:
			out.Phase, out.Done, out.Total = ui.PhaseFeatures, ev.Done, ev.Total
		case train.PhaseBatch:
			out.Phase, out.Epoch, out.Epochs, out.Batch, out.Batches = ui.PhaseBatch, epoch, epochs, ev.Done, ev.Total
		case train.PhaseEpoch:
			ep := ev.Epoch
			out = ui.TrainEvent{
				Phase: ui.PhaseEpoch, Epoch: ep.Epoch, Epochs: ev.Total, Device: device,
				TrainLoss: ep.TrainLoss, ValLoss: ep.ValLoss, TrainAcc: ep.TrainAccuracy, ValAcc: ep.ValAccuracy,
			}
			epoch = ep.Epoch + 1
		default:
			return
		}
		progress(out)
	}
}

func trainResult(res *train.Result, path string) ui.TrainResult {
	out := ui.TrainResult{
		Classes: res.Classes, BestEpoch: res.BestEpoch, Confusion: res.Confusion,
		ValAccuracy: res.Accuracy, ClassifierPath: path, Device: res.Device, Stopped: res.Stopped,
	}
	for _, e := range res.History {
		out.History = append(out.History, ui.EpochStats{
			Epoch: e.Epoch, TrainLoss: e.TrainLoss, ValLoss: e.ValLoss, TrainAcc: e.TrainAccuracy, ValAcc: e.ValAccuracy, Seconds: e.Seconds,
		})
	}
	for _, p := range res.Predictions {
		out.Predictions = append(out.Predictions, ui.ImagePrediction{Path: p.File, True: p.True, Predicted: p.Predicted, Probs: p.Probs})
	}
	for _, c := range res.PerClass {
		out.Precision = append(out.Precision, c.Precision)
		out.Recall = append(out.Recall, c.Recall)
	}
	return out
}

func (e *Engine) Predict(ctx context.Context, classifierPath, image string, topK int) (_ []ui.Prediction, err error) {
	defer caught("classifying the picture", &err)
	clf, err := e.classifier(classifierPath)
	if err != nil {
		return nil, err
	}
	probs, err := clf.Classify(ctx, []string{image}, nil)
	if err != nil {
		return nil, err
	}
	var out []ui.Prediction
	for _, g := range predict.Top(probs[0], clf.Classes, topK) {
		out = append(out, ui.Prediction{Label: g.Label, Index: g.Index, Prob: g.Prob})
	}
	return out, nil
}

func (e *Engine) classifier(path string) (*train.Classifier, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.classifiers[path]; ok {
		return c, nil
	}
	c, err := train.LoadClassifier(path)
	if err == nil {
		e.classifiers[path] = c
	}
	return c, err
}

// MakeDemo draws the demo's shapes (engine/demo) into dir.
func (e *Engine) MakeDemo(ctx context.Context, dir string) (err error) {
	defer caught("drawing the demo pictures", &err)
	_, err = demo.Generate(ctx, dir, demo.Default())
	return err
}

// caught turns a panic inside the engine into an error, so a bug shows a
// message in the window instead of closing it and losing the user's work.
// Use as: defer caught("training", &err).
func caught(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s stopped on an internal error (please report it): %v", what, r)
	}
}

// Devices looks for Vulkan GPUs and says what automatic would use.
func (e *Engine) Devices() ui.Devices {
	s := gpunet.Look()
	out := ui.Devices{Auto: s.Auto, Why: s.Why}
	for _, d := range s.Devices {
		name := d.Name
		if d.Software() {
			name += " (software, slower than the CPU)"
		}
		out.GPUs = append(out.GPUs, name)
	}
	return out
}
