package main

import (
	"flag"
	"fmt"
	"strings"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/session"
	"transferlab/engine/train"
)

// trainReport is the JSON document `train --json` prints (the Result names
// the device that did the work).
type trainReport struct {
	*train.Result
	Classifier string `json:"classifier"`
	// Project and Run say where --project recorded the run (Run counts
	// from 1, as transferlab runs lists them).
	Project string `json:"project,omitempty"`
	Run     int    `json:"run,omitempty"`
}

func (c *cli) train(args []string) error {
	fs := newFlags("train")
	data := fs.String("data", "", "folder of class folders (or with train/ and val/ folders)")
	model := fs.String("model", "", "network name (see: transferlab models)")
	caseN := fs.Int("case", 0, caseHelp())
	cut := fs.String("cut", "", cutHelp())
	weightsFile := fs.String("weights", "", "pretrained weights file for "+label(cases.Case.NeedsPretrained)+" (default: the cached official weights)")
	epochs := fs.Int("epochs", 0, epochsHelp())
	batch := fs.Int("batch", 0, "pictures per step (default: "+cases.Per(func(k cases.Case) string { return k.Recipe().BatchText() })+")")
	lr := fs.Float64("lr", 0, lrHelp())
	val := fs.Float64("val", 0.2, "share of each class held out for validation when the data has no val/ folder")
	test := fs.Float64("test", 0, "share of each class's training pictures held out as a test set, never used to choose the epoch (default: none)")
	seed := fs.Int64("seed", 1, "random seed (same seed, same result)")
	dev := fs.String("device", string(device.Auto), "auto, cpu or gpu")
	out := fs.String("out", "transferlab-output", "folder for classifier.tlc and report.json (with --project: a new run-N folder in \"<project> models\" beside it, as the app does)")
	projectPath := fs.String("project", "", "record the run in this TransferLab project `FILE` (.tlproj), which the app opens; made, with the pictures and settings, when it does not exist")
	noAugment := fs.Bool("no-augment", false, "no random crops and flips (they are on in "+label(func(k cases.Case) bool { return k.Recipe().Augment })+")")
	imageSize := fs.Int("image-size", 0, fmt.Sprintf("train on `N`xN crops; smaller is faster (default: %d, the networks' own)", imageprep.ImageNet().Crop))
	asJSON := fs.Bool("json", false, "print the report as JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	k := cases.Case(*caseN) // --case is the number; from here on, the Case
	if *data == "" || *model == "" || k == cases.None {
		return fmt.Errorf("train: --data, --model and --case are required")
	}
	if err := explicitZero(fs, "epochs", "batch", "lr", "image-size"); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	cfg := train.Config{
		Network: *model, Case: k, Cut: *cut, Epochs: *epochs, Batch: *batch, LR: *lr,
		ValFraction: *val, TestFraction: *test, Seed: *seed, Augment: !*noAugment, Transform: imageprep.ImageNetAt(*imageSize),
	}
	if err := cfg.Check(); err != nil { // refused before the images are scanned
		return err
	}
	where, err := device.Parse(*dev)
	if err != nil {
		return fmt.Errorf("train: --%w", err) // "--device must be …"
	}
	var proj *projectFile
	if *projectPath != "" {
		if proj, err = projectFor(*projectPath, cfg, where, data, out, isSet(fs, "out")); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	ds, err := c.scan(s, *data, *val, *seed)
	if err != nil {
		return err
	}
	job := session.Job{Config: cfg, Data: ds, Weights: *weightsFile, OutDir: *out, Device: where, Report: true}
	t, err := s.Train(c.ctx, job, c.trainProgress())
	if err != nil {
		return fmt.Errorf("train: %w", explainMissing(err))
	}
	c.leftOut(t.Skipped[min(len(ds.Skipped), len(t.Skipped)):]) // pictures whose body could not be decoded
	report := trainReport{Result: t.Result, Classifier: t.Path}
	if proj != nil {
		if report.Run, err = proj.record(job, *data, t); err != nil {
			return fmt.Errorf("train: the classifier is saved in %s, but the run could not be recorded: %w", t.Path, err)
		}
		report.Project = proj.path
	}
	if *asJSON {
		return writeJSON(c.stdout, report)
	}
	printSummary(c.stdout, t.Result)
	fmt.Fprintf(c.stdout, "classifier saved to %s\n", t.Path)
	if proj != nil {
		fmt.Fprintf(c.stdout, "recorded as run %d in %s\n", report.Run, proj.path)
	}
	return nil
}

// caseHelp lists the cases by number, from the cases themselves.
func caseHelp() string {
	var parts []string
	for _, k := range cases.All() {
		parts = append(parts, fmt.Sprintf("%d %s", k, k.Short()))
	}
	return strings.Join(parts, ", ") + " (required; transferlab advise recommends one)"
}

// cutHelp names each network's default cut.
func cutHelp() string {
	var defaults []string
	for _, name := range models.Names() {
		if net, err := models.New(name); err == nil {
			defaults = append(defaults, name+" "+net.DefaultCut)
		}
	}
	return "where to cut the network in " + label(cases.Case.Cuts) + " (default: " + strings.Join(defaults, ", ") + ")"
}

func epochsHelp() string {
	epochs := cases.Per(func(k cases.Case) string { return fmt.Sprint(k.Recipe().Epochs) })
	patience := cases.Per(func(k cases.Case) string { return fmt.Sprintf("%d epochs", k.Recipe().Patience) })
	return "most epochs (default: " + epochs + "); training stops sooner after " + patience + " without a lower validation loss"
}

func lrHelp() string {
	lr := cases.Per(func(k cases.Case) string {
		r := k.Recipe()
		return fmt.Sprintf("%g with %s", r.LR, r.OptimiserText())
	})
	help := "learning rate of the new classifier (default: " + lr
	for _, g := range cases.GroupBy(func(k cases.Case) string {
		if r := k.Recipe(); k.TrainsBackbone() && r.BackboneLRScale != 1 {
			return fmt.Sprintf("%g", r.BackboneLRScale)
		}
		return ""
	}) {
		help += fmt.Sprintf("; the pretrained layers learn at %s times it in %s", g.Text, g.Label())
	}
	return help + ")"
}

// label names the cases for which is true: "cases 1, 2 and 3".
func label(is func(cases.Case) bool) string {
	g := cases.GroupBy(func(k cases.Case) string {
		if is(k) {
			return "yes"
		}
		return ""
	})
	if len(g) == 0 {
		return "no case"
	}
	return g[0].Label()
}

// explicitZero refuses a 0 typed for a flag whose 0 means "the recipe's
// default": the user asked for something else than the default, and would
// silently get it.
func explicitZero(fs *flag.FlagSet, names ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		for _, name := range names {
			if f.Name == name && err == nil && f.Value.String() == "0" {
				err = fmt.Errorf("--%s must be more than 0 (leave it out for the default)", name)
			}
		}
	})
	return err
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// scan reads the data folder, reporting progress and the files it leaves out.
func (c *cli) scan(s *session.Session, dir string, val float64, seed int64) (*dataset.Dataset, error) {
	bar := newProgressBar(c.con, "checking images")
	ds, err := s.Scan(c.ctx, dir, val, seed, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return nil, err
	}
	bar.finish()
	c.leftOut(ds.Skipped)
	c.duplicates(ds.Duplicates)
	return ds, nil
}

// duplicates warns about each picture found in more than one class, with
// every path, so the user can move or delete the wrong copy.
func (c *cli) duplicates(dups []dataset.Duplicate) {
	for _, d := range dups {
		c.con.linef("warning: the same picture is in more than one class: %s", strings.Join(d.Paths, ", "))
	}
}

// leftOut names the files a scan could not use, and why.
func (c *cli) leftOut(skipped []dataset.Skipped) {
	for _, s := range skipped {
		c.con.linef("left out %s: %s", s.Path, s.Reason)
	}
}

// trainProgress draws the feature-extraction bar, a bar per epoch of batches
// (when an epoch has more than one), and one line per finished epoch.
func (c *cli) trainProgress() train.Progress {
	var features, batches *progressBar
	epoch := 1
	return func(e train.Event) {
		switch e.Phase {
		case train.PhaseDevice:
			c.con.linef("device: %s", e.Message)
		case train.PhaseWarning:
			if features != nil {
				features.clear()
			}
			c.con.linef("warning: %s", e.Message)
		case train.PhaseFeatures:
			if features == nil {
				features = newProgressBar(c.con, "backbone features")
			}
			features.update(int64(e.Done), int64(e.Total), "images")
			if e.Done == e.Total {
				features.finish()
			}
		case train.PhaseBatch:
			if e.Total > 1 {
				if batches == nil {
					batches = newProgressBar(c.con, fmt.Sprintf("epoch %d", epoch))
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
			c.con.linef("epoch %3d/%d  train loss %.4f acc %.3f  val loss %.4f acc %.3f  (%.1fs)",
				ep.Epoch, e.Total, ep.TrainLoss, ep.TrainAccuracy, ep.ValLoss, ep.ValAccuracy, ep.Seconds)
		}
	}
}
