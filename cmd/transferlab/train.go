package main

import (
	"fmt"
	"os"
	"path/filepath"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/train"
	"transferlab/engine/weights"
)

// trainReport is the JSON document `train --json` prints (the Result names
// the device that did the work).
type trainReport struct {
	*train.Result
	Classifier string `json:"classifier"`
}

func (c *cli) train(args []string) error {
	fs := newFlags("train")
	data := fs.String("data", "", "folder of class folders (or with train/ and val/ folders)")
	model := fs.String("model", "", "network name")
	caseN := fs.Int("case", 0, "1 frozen backbone, 2 cut backbone, 3 fine-tune all, 4 from scratch")
	cut := fs.String("cut", "", "case 2: where to cut the network (default: the network's middle)")
	weightsFile := fs.String("weights", "", "pretrained weights file (default: cached official weights)")
	epochs := fs.Int("epochs", 0, "most epochs (default 50 for cases 1-2, 15 for 3-4)")
	batch := fs.Int("batch", 0, "batch size (default 32 for cases 1-2, 16 for 3-4)")
	lr := fs.Float64("lr", 0, "learning rate of the new classifier (default 1e-3 Adam for cases 1-2, 1e-2 SGD for 3-4)")
	val := fs.Float64("val", 0.2, "share of each class held out for validation when the data has no val/ folder")
	seed := fs.Int64("seed", 1, "random seed (same seed, same result)")
	device := fs.String("device", "auto", "auto, cpu or gpu")
	out := fs.String("out", "transferlab-output", "folder for classifier.tlc and report.json")
	noAugment := fs.Bool("no-augment", false, "cases 3-4: no random crops and flips")
	imageSize := fs.Int("image-size", 0, "train on size x size crops (default 224, the networks' own); smaller is faster")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 {
		return fmt.Errorf("train: %v", firstErr(err, fmt.Errorf("unexpected argument %q", rest)))
	}
	if *data == "" || *model == "" || *caseN == 0 {
		return fmt.Errorf("train: --data, --model and --case are required")
	}
	if err := checkDevice(*device); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	ds, err := c.scan(*data, *val, *seed)
	if err != nil {
		return err
	}
	job := train.Job{
		Config: train.Config{
			Network: *model, Case: *caseN, Cut: *cut, Epochs: *epochs, Batch: *batch, LR: *lr,
			ValFraction: *val, Seed: *seed, Augment: !*noAugment, Transform: imageprep.ImageNetAt(*imageSize),
			Device: *device,
		},
		Data: ds,
	}
	if *caseN != 4 {
		if job.Pretrained, err = loadNetworkWeights(*model, *weightsFile); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	if job.FeatureCache, err = featureCacheDir(); err != nil {
		return err
	}
	res, clf, err := train.Run(c.ctx, job, c.trainProgress())
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	path, err := saveOutputs(*out, clf, res)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if *asJSON {
		return writeJSON(c.stdout, trainReport{Result: res, Classifier: path})
	}
	printSummary(c.stdout, res)
	fmt.Fprintf(c.stdout, "classifier saved to %s\n", path)
	return nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// checkDevice refuses a --device value before the images are scanned; the
// engine opens the device itself (and says which, or why not the GPU).
func checkDevice(flag string) error {
	switch flag {
	case "auto", "cpu", "gpu":
		return nil
	}
	return fmt.Errorf("--device must be auto, cpu or gpu, not %q", flag)
}

// scan reads the data folder, reporting progress and the files it leaves out.
func (c *cli) scan(dir string, val float64, seed int64) (*dataset.Dataset, error) {
	bar := newProgressBar(c.stderr, "checking images")
	ds, err := dataset.Scan(c.ctx, dir, dataset.Options{
		ValFraction: val, Seed: seed,
		Progress: func(done, total int) { bar.update(int64(done), int64(total), "images") },
	})
	if err != nil {
		return nil, err
	}
	bar.done()
	for _, s := range ds.Skipped {
		fmt.Fprintf(c.stderr, "left out %s: %s\n", s.Path, s.Reason)
	}
	return ds, nil
}

func featureCacheDir() (string, error) {
	dir, err := weights.CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "features"), nil
}

// trainProgress draws the feature-extraction bar, a bar per epoch of batches
// (when an epoch has more than one), and one line per finished epoch.
func (c *cli) trainProgress() train.Progress {
	var features, batches *progressBar
	epoch := 1
	return func(e train.Event) {
		switch e.Phase {
		case train.PhaseDevice:
			fmt.Fprintf(c.stderr, "device: %s\n", e.Message)
		case train.PhaseFeatures:
			if features == nil {
				features = newProgressBar(c.stderr, "backbone features")
			}
			features.update(int64(e.Done), int64(e.Total), "images")
			if e.Done == e.Total {
				features.done()
			}
		case train.PhaseBatch:
			if e.Total > 1 {
				if batches == nil {
					batches = newProgressBar(c.stderr, fmt.Sprintf("epoch %d", epoch))
				}
				batches.update(int64(e.Done), int64(e.Total), "batches")
			}
		case train.PhaseEpoch:
			if batches != nil {
				batches.clear()
				batches = nil
			}
			ep := e.Epoch
			epoch = ep.Epoch + 1
			fmt.Fprintf(c.stderr, "epoch %3d/%d  train loss %.4f acc %.3f  val loss %.4f acc %.3f  (%.1fs)\n",
				ep.Epoch, e.Total, ep.TrainLoss, ep.TrainAccuracy, ep.ValLoss, ep.ValAccuracy, ep.Seconds)
		}
	}
}

// saveOutputs writes the classifier and the JSON report into dir.
func saveOutputs(dir string, clf *train.Classifier, res *train.Result) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "classifier.tlc")
	if err := clf.Save(path); err != nil {
		return "", err
	}
	f, err := os.Create(filepath.Join(dir, "report.json"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	return path, writeJSON(f, res)
}
