// Package uiengine is the engine in the screens' terms: it implements
// ui.Engine on the engine's session, translating types (finished runs
// through app/runrecord, which the command line shares) and turning panics
// into errors. It imports no Fyne.
package uiengine

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"

	"transferlab/app/runrecord"
	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/explain"
	"transferlab/engine/imageprep"
	"transferlab/engine/session"
	"transferlab/engine/suggest"
	"transferlab/engine/train"
	"transferlab/engine/weights"
	"transferlab/ui"
)

// Engine adapts the engine's session to the interface the screens declare:
// it only translates types (and turns panics into errors).
type Engine struct {
	s *session.Session
}

// New uses the user's cache folder.
func New() (*Engine, error) {
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
	cfg := trainConfig(req)
	job := session.Job{Config: cfg, Data: ds, OutDir: req.OutDir, Device: device.Choice(req.Device)}
	t, err := e.s.Train(ctx, job, trainEvents(cfg.Defaults(), progress))
	if err != nil {
		return ui.TrainResult{}, explainMissing(err)
	}
	return runrecord.Result(t.Result, t.Path), nil
}

// Lesson trains the four cases in turn (session.Lesson), each case's model
// in its own folder under req.OutDir.
func (e *Engine) Lesson(ctx context.Context, req ui.LessonRequest, progress func(ui.LessonEvent)) (_ ui.LessonResult, err error) {
	defer caught("the lesson", &err)
	ds, err := e.s.Split(engineClasses(req.Classes), req.ValShare, req.Seed)
	if err != nil {
		return ui.LessonResult{}, err
	}
	job := session.LessonJob{
		Base:   session.Job{Config: trainConfig(req.TrainRequest), Data: ds, Device: device.Choice(req.Device)},
		Budget: req.Budget,
		OutDir: func(c cases.Case) string { return filepath.Join(req.OutDir, fmt.Sprintf("case-%d", c)) },
	}
	l, err := e.s.Lesson(ctx, job, lessonEvents(job.Base.Config, progress))
	if l == nil {
		return ui.LessonResult{}, explainMissing(err)
	}
	return lessonResult(l), err
}

// lessonEvents translates each case's engine events as Train does, with
// the case and the whole lesson's progress; each case counts its own
// epochs, those of base with the case's recipe.
func lessonEvents(base train.Config, progress func(ui.LessonEvent)) func(session.LessonEvent) {
	index := 0
	var events train.Progress
	return func(ev session.LessonEvent) {
		if events == nil || ev.Index != index {
			index = ev.Index
			base.Case = ev.Case
			events = trainEvents(base.Defaults(), func(te ui.TrainEvent) {
				progress(ui.LessonEvent{Case: ev.Case, Index: index - 1, Of: ev.Of, Fraction: ev.Fraction, Train: te})
			})
		}
		events(ev.Event)
	}
}

// lessonResult is the lesson in the screens' terms.
func lessonResult(l *session.Lesson) ui.LessonResult {
	out := ui.LessonResult{Winner: l.Winner, Conclusion: l.Conclusion}
	for _, c := range l.Cases {
		lc := ui.LessonCase{Case: c.Case, Err: c.Err, Shortened: c.Shortened}
		if c.Trained != nil {
			res := runrecord.Result(c.Trained.Result, c.Trained.Path)
			lc.Result, lc.Seconds = &res, c.Trained.Seconds
		}
		out.Cases = append(out.Cases, lc)
	}
	return out
}

// trainConfig is the engine's job for req, minus the pictures.
func trainConfig(req ui.TrainRequest) train.Config {
	return train.Config{
		Network: req.Network, Case: req.Case, Epochs: req.Epochs, Batch: req.BatchSize,
		LR: req.LearningRate, ValFraction: req.ValShare, TestFraction: req.TestShare, Seed: req.Seed, Augment: req.Augment,
		Transform: imageprep.ImageNetAt(req.ImageSize),

		NoRandomCrop: req.NoRandomCrop, NoFlip: req.NoFlip, // issue 15
	}
}

// CheckTraining applies the engine's rules for a job (train.Config.Check)
// without its "train:" prefix: the sentence goes to the window as it is.
func (e *Engine) CheckTraining(req ui.TrainRequest) error {
	err := trainConfig(req).Check()
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}

// trainEvents translates engine progress into the screens' events; cfg
// (with its defaults) says the upper bound of epochs and the patience of
// early stopping.
func trainEvents(cfg train.Config, progress func(ui.TrainEvent)) train.Progress {
	epochs := cfg.Epochs
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
		out.Patience = cfg.Patience
		progress(out)
	}
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

// ExportONNX writes the classifier as an ONNX model for other programs.
func (e *Engine) ExportONNX(ctx context.Context, classifierPath, out string) (_ ui.Exported, err error) {
	defer caught("exporting the model", &err)
	x, err := e.s.ExportONNX(classifierPath, out)
	if err != nil {
		return ui.Exported{}, err
	}
	return ui.Exported{File: x.File, Bytes: x.Bytes, Classes: x.Classes, Resize: x.Resize, Crop: x.Crop, Mean: x.Mean, Std: x.Std}, nil
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

// --- Explain (issue 15: Grad-CAM heatmaps) ---

// Explain computes the classifier's Grad-CAM map of image for class (< 0:
// its top answer) and draws it over the picture as the network saw it.
func (e *Engine) Explain(ctx context.Context, classifierPath, image string, class int) (_ ui.Heatmap, err error) {
	defer caught("working out where the model looked", &err)
	x, err := e.s.ExplainClassifier(classifierPath)
	if err != nil {
		return ui.Heatmap{}, err
	}
	m, err := x.File(ctx, image, class)
	if err != nil {
		return ui.Heatmap{}, err
	}
	return ui.Heatmap{
		Class: m.Class, Label: m.Label, Prob: m.Prob, Layer: m.Layer,
		H: m.H, W: m.W, Values: m.Values, View: m.View, Overlay: explain.Overlay(m),
	}, nil
}

// AugmentPreview draws N training versions of the picture with
// imageprep's Augment, the training loop's own code.
func (e *Engine) AugmentPreview(ctx context.Context, req ui.AugmentPreviewRequest) (_ []image.Image, err error) {
	defer caught("drawing the training versions of the picture", &err)
	pic, err := imageprep.Decode(req.Image)
	if err != nil {
		return nil, err
	}
	t := imageprep.ImageNetAt(req.ImageSize)
	t.Off = imageprep.AugmentOff{Crop: req.NoRandomCrop, Flip: req.NoFlip}
	var out []image.Image
	for _, s := range t.AugmentSamples(pic, req.Seed, req.N) {
		out = append(out, s)
	}
	return out, ctx.Err()
}

// --- "None of these" (issue 12, item 5) ---

// PredictWithNovelty runs a saved classifier on one picture and says
// whether it looks unlike every training picture.
func (e *Engine) PredictWithNovelty(ctx context.Context, classifierPath, image string, topK int) (_ ui.Answer, err error) {
	defer caught("classifying the picture", &err)
	res, err := e.s.Classify(ctx, classifierPath, []string{image}, topK, nil)
	if err != nil {
		return ui.Answer{}, err
	}
	var out ui.Answer
	for _, g := range res[0].Top {
		out.Predictions = append(out.Predictions, ui.Prediction{Label: g.Label, Index: g.Index, Prob: g.Prob})
	}
	out.NoneOfThese = res[0].NoneOfThese != nil && *res[0].NoneOfThese
	return out, nil
}

// --- Assisted labelling (issue 15) ---

// Suggest proposes classes for the unlabelled pictures (engine/suggest),
// with the network's cached pretrained weights and the feature cache
// training uses, on the device "automatic" picks; with a classifier the
// model suggests and the pretrained features only review the labels
// (skipped when the weights are not here).
func (e *Engine) Suggest(ctx context.Context, req ui.SuggestRequest, progress func(done, total int)) (_ ui.Suggestions, err error) {
	defer caught("suggesting classes", &err)
	job := suggest.Job{Classes: engineClasses(req.Classes), Unlabelled: req.Unlabelled}
	if req.ClassifierPath != "" {
		if job.Classifier, err = e.s.Classifier(req.ClassifierPath); err != nil {
			return ui.Suggestions{}, err
		}
	}
	sd, err := e.s.Pretrained(req.Network, "")
	switch {
	case err != nil && job.Classifier == nil:
		return ui.Suggestions{}, explainMissing(err)
	case err == nil:
		dir, err := weights.CacheDir()
		if err != nil {
			return ui.Suggestions{}, err
		}
		release, err := job.UsePretrained(req.Network, sd, dir)
		if err != nil {
			return ui.Suggestions{}, err
		}
		defer release()
	}
	res, err := suggest.Run(ctx, job, progress)
	if err != nil {
		return ui.Suggestions{}, err
	}
	return suggestions(res), nil
}

// suggestions are the engine's in the screens' terms.
func suggestions(res *suggest.Result) ui.Suggestions {
	out := ui.Suggestions{ByModel: res.By == suggest.ByClassifier, DefaultConfidence: suggest.DefaultConfidence}
	for _, s := range res.Suggestions {
		out.Items = append(out.Items, ui.Suggestion{Path: s.File, Class: s.Suggested, Confidence: s.Confidence})
	}
	for _, d := range res.Mislabelled {
		out.Mislabelled = append(out.Mislabelled, ui.Doubt{Path: d.File, Labelled: d.Labelled, Suggested: d.Suggested, Confidence: d.Confidence})
	}
	for _, n := range res.NearDuplicates {
		out.NearDuplicates = append(out.NearDuplicates, ui.NearDuplicate{Paths: n.Files, Classes: n.Classes, Similarity: n.Similarity})
	}
	return out
}
