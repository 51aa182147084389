// Package runrecord turns a finished training run of the engine into what
// the app keeps of it: the screens' ui.TrainResult and the project's
// project.Run. The app's engine adapter (app/uiengine) and the command line
// (transferlab train --project) both use it, so a run recorded by either
// opens the same way in the app. It imports no Fyne.
package runrecord

import (
	"time"

	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/train"
	"transferlab/ui"
	"transferlab/ui/project"
)

// Result is a finished run in the screens' terms: what the Results, Train
// and Try it screens show; classifier is the saved classifier file.
func Result(res *train.Result, classifier string) ui.TrainResult {
	out := ui.TrainResult{
		Classes: res.Classes, BestEpoch: res.BestEpoch, Confusion: res.Confusion,
		ValAccuracy: res.Accuracy, ClassifierPath: classifier, Device: res.Device, Stopped: res.Stopped,
		Seconds: res.Seconds,
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
	if t := res.Test; t != nil {
		out.Test = &ui.TestFigures{Pictures: t.Pictures, Accuracy: t.Accuracy, Confusion: t.Confusion}
	}
	return out
}

// Run is the project's record of a run trained with cfg on where, which
// ended at finished and saved its classifier to classifier.
func Run(cfg train.Config, where device.Choice, res *train.Result, classifier string, finished time.Time) project.Run {
	return project.Run{
		Network: cfg.Network, Case: cfg.Case, Settings: Settings(cfg, where),
		Finished: finished, Result: Result(res, classifier),
	}
}

// Settings are the project's settings for a job: what the app's Model
// screen would show to train it again. Zero values keep their meaning
// ("the case's recipe"); the networks' own picture size is 0 there too.
func Settings(cfg train.Config, where device.Choice) project.Settings {
	s := project.Settings{
		Network: cfg.Network, Case: cfg.Case, Epochs: cfg.Epochs, LearningRate: cfg.LR, BatchSize: cfg.Batch,
		ValShare: cfg.ValFraction, TestShare: cfg.TestFraction, Augment: cfg.Augment, Seed: cfg.Seed, Device: string(where),

		NoRandomCrop: cfg.NoRandomCrop, NoFlip: cfg.NoFlip, // issue 15
	}
	if where == "" {
		s.Device = string(device.Auto)
	}
	if cfg.Transform != imageprep.ImageNet() {
		s.ImageSize = cfg.Transform.Crop
	}
	return s
}
