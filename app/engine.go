package app

import (
	"context"
	"errors"
	"fmt"

	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/session"
	"transferlab/engine/train"
	"transferlab/ui"
)

// Engine adapts the engine's session to the interface the screens declare:
// it only translates types (and turns panics into errors).
type Engine struct {
	s *session.Session
}

// NewEngine uses the user's cache folder.
func NewEngine() (*Engine, error) {
	s, err := session.Open()
	if err != nil {
		return nil, err
	}
	return &Engine{s: s}, nil
}

func (e *Engine) Networks() []ui.Network {
	nets, _ := e.s.Networks() // every listed network builds (engine/models tests it)
	var out []ui.Network
	for _, n := range nets {
		size := float64(n.DownloadBytes) / 1e6
		if size == 0 {
			size = float64(n.Params) * 4 / 1e6
		}
		out = append(out, ui.Network{
			Name: n.Name, Title: n.Title, Params: int64(n.Params), SizeMB: size,
			Top1: n.Top1, WeightsAvailable: n.WeightsFile != "",
		})
	}
	return out
}

func (e *Engine) FetchWeights(ctx context.Context, network string, progress func(done, total int64)) (err error) {
	defer caught("the download", &err)
	_, err = e.s.Fetch(ctx, network, "", progress)
	return err
}

func (e *Engine) ImportWeights(network, file string) (err error) {
	defer caught("the import", &err)
	_, err = e.s.Import(network, file)
	return err
}

func (e *Engine) Scan(ctx context.Context, paths []string, progress func(done, total int)) (_ ui.Dataset, err error) {
	defer caught("reading the pictures", &err)
	c, err := e.s.Collect(ctx, paths, progress)
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
	for _, dup := range c.Duplicates {
		d.Duplicates = append(d.Duplicates, dup.Paths)
	}
	return d, nil
}

// Recommend uses the cached pretrained weights, when they are here, to see
// how familiar the pictures look.
func (e *Engine) Recommend(ctx context.Context, network string, classes []ui.ClassImages) (_ ui.Recommendation, err error) {
	defer caught("the recommendation", &err)
	a, err := e.s.Recommend(ctx, network, "", engineClasses(classes), nil)
	if err != nil {
		return ui.Recommendation{}, err
	}
	return ui.Recommendation{Case: a.Case, Reason: a.Reason, ImageNetLike: a.ImageNetLike}, nil
}

func engineClasses(classes []ui.ClassImages) []dataset.Class {
	out := make([]dataset.Class, len(classes))
	for i, c := range classes {
		out[i] = dataset.Class{Name: c.Name, Files: c.Images}
	}
	return out
}

// explainMissing tells the app's users where to get missing weights.
func explainMissing(err error) error {
	var missing *session.MissingWeightsError
	if errors.As(err, &missing) {
		return fmt.Errorf("the pretrained weights of %s are not on this computer yet: download them, or import the file", missing.Network)
	}
	return err
}

func (e *Engine) Train(ctx context.Context, req ui.TrainRequest, progress func(ui.TrainEvent)) (_ ui.TrainResult, err error) {
	defer caught("training", &err)
	ds, err := e.s.Split(engineClasses(req.Classes), req.ValShare, req.Seed)
	if err != nil {
		return ui.TrainResult{}, err
	}
	cfg := train.Config{
		Network: req.Network, Case: req.Case, Epochs: req.Epochs, Batch: req.BatchSize,
		LR: req.LearningRate, ValFraction: req.ValShare, Seed: req.Seed, Augment: req.Augment,
		Transform: imageprep.ImageNetAt(req.ImageSize),
	}
	job := session.Job{Config: cfg, Data: ds, OutDir: req.OutDir, Device: device.Choice(req.Device)}
	t, err := e.s.Train(ctx, job, trainEvents(cfg.Defaults().Epochs, progress))
	if err != nil {
		return ui.TrainResult{}, explainMissing(err)
	}
	return trainResult(t.Result, t.Path), nil
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
	res, err := e.s.Classify(ctx, classifierPath, []string{image}, topK, nil)
	if err != nil {
		return nil, err
	}
	var out []ui.Prediction
	for _, g := range res[0].Top {
		out = append(out, ui.Prediction{Label: g.Label, Index: g.Index, Prob: g.Prob})
	}
	return out, nil
}

// CheckClassifier loads the classifier file; the session keeps it, so the
// first Predict after reopening a project does not wait for it.
func (e *Engine) CheckClassifier(ctx context.Context, classifierPath string) (err error) {
	defer caught("reading the model file", &err)
	_, err = e.s.Classifier(classifierPath)
	return err
}

// MakeDemo draws the demo's shapes into dir.
func (e *Engine) MakeDemo(ctx context.Context, dir string) (err error) {
	defer caught("drawing the demo pictures", &err)
	return e.s.MakeDemo(ctx, dir)
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
	s := e.s.Devices()
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
