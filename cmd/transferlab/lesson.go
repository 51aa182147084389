package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"transferlab/engine/cases"
	"transferlab/engine/device"
	"transferlab/engine/imageprep"
	"transferlab/engine/session"
	"transferlab/engine/train"
)

// lessonReport is the JSON document `lesson --json` prints.
type lessonReport struct {
	Cases      []lessonEntry  `json:"cases"`
	Winner     cases.Case     `json:"winner"`
	Conclusion string         `json:"conclusion"`
	Advice     session.Advice `json:"advice"`
}

// lessonEntry is one case of the lesson; a failed case has its error and
// no accuracy (null).
type lessonEntry struct {
	Case          cases.Case `json:"case"`
	Title         string     `json:"title"`
	ValAccuracy   *float64   `json:"val_accuracy"`
	TestAccuracy  *float64   `json:"test_accuracy,omitempty"` // with --test only
	Seconds       float64    `json:"seconds"`
	BestEpoch     int        `json:"best_epoch"`
	Epochs        int        `json:"epochs"` // epochs run
	BudgetSeconds float64    `json:"budget_seconds"`
	Shortened     string     `json:"shortened"`
	Error         string     `json:"error"`
	Classifier    string     `json:"classifier,omitempty"`
}

// lesson trains the four cases on the same pictures within one time budget
// and prints the comparison and its conclusion. Every setting is checked
// before the pictures are read, the weights too: without them three of the
// four cases could not run.
func (c *cli) lesson(args []string) error {
	fs := newFlags("lesson")
	data := fs.String("data", "", "folder of class folders (or with train/ and val/ folders)")
	model := fs.String("model", "", "network name (see: transferlab models)")
	weightsFile := fs.String("weights", "", "pretrained weights file (default: the cached official weights)")
	budget := fs.Duration("budget", session.DefaultLessonBudget, "time for the whole lesson, shared between the cases by their expected cost; the cases that train the whole network stop at their share, keeping their best epoch so far")
	val := fs.Float64("val", 0.2, "share of each class held out for validation when the data has no val/ folder")
	test := fs.Float64("test", 0, "share of each class's training pictures held out as a test set, the same for every case and never used to choose an epoch (default: none)")
	seed := fs.Int64("seed", 1, "random seed (same seed, same result)")
	dev := fs.String("device", string(device.Auto), "auto, cpu or gpu")
	out := fs.String("out", "transferlab-lesson", "folder that receives case-1 … case-4, each with classifier.tlc and report.json")
	epochs := fs.Int("epochs", 0, "most epochs of every case (default: each case's own, as in transferlab train)")
	imageSize := fs.Int("image-size", 0, fmt.Sprintf("train on `N`xN crops; smaller is faster (default: %d, the networks' own)", imageprep.ImageNet().Crop))
	asJSON := fs.Bool("json", false, "print the comparison as JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("lesson: %w", err)
	}
	if *data == "" || *model == "" {
		return fmt.Errorf("lesson: --data and --model are required")
	}
	if err := explicitZero(fs, "epochs", "image-size"); err != nil {
		return fmt.Errorf("lesson: %w", err)
	}
	if *budget <= 0 {
		return fmt.Errorf("lesson: --budget must be more than 0, e.g. 30m")
	}
	cfg := train.Config{Network: *model, Epochs: *epochs, ValFraction: *val, TestFraction: *test, Seed: *seed, Augment: true, Transform: imageprep.ImageNetAt(*imageSize)}
	for _, k := range cases.All() {
		withCase := cfg
		withCase.Case = k
		if err := withCase.Check(); err != nil { // refused before the images are scanned
			return fmt.Errorf("lesson: %s", strings.TrimPrefix(err.Error(), "train: "))
		}
	}
	where, err := device.Parse(*dev)
	if err != nil {
		return fmt.Errorf("lesson: --%w", err)
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	if _, err := s.Pretrained(*model, *weightsFile); err != nil {
		return fmt.Errorf("lesson: %w", explainMissing(err))
	}
	ds, err := c.scan(s, *data, *val, *seed)
	if err != nil {
		return err
	}
	job := session.LessonJob{
		Base:   session.Job{Config: cfg, Data: ds, Weights: *weightsFile, Device: where, Report: true},
		Budget: *budget,
		OutDir: func(k cases.Case) string { return filepath.Join(*out, fmt.Sprintf("case-%d", k)) },
	}
	start := time.Now()
	l, err := s.Lesson(c.ctx, job, c.lessonProgress())
	if l == nil {
		return fmt.Errorf("lesson: %w", err)
	}
	c.con.linef("the lesson took %s", time.Since(start).Round(time.Second))
	if *asJSON {
		if jerr := writeJSON(c.stdout, reportOf(l)); jerr != nil {
			return jerr
		}
	} else {
		printLesson(c.stdout, l)
	}
	if err != nil && c.ctx.Err() != nil {
		return errors.New("lesson: cancelled; the table shows the cases that finished")
	}
	return err
}

// lessonProgress names each case as it starts, with how far the lesson is,
// then draws its training as `train` does.
func (c *cli) lessonProgress() func(session.LessonEvent) {
	index := 0
	var caseProgress train.Progress
	return func(e session.LessonEvent) {
		if e.Index != index {
			index, caseProgress = e.Index, c.trainProgress()
			c.con.linef("case %d of %d: %s (%s); the lesson is %.0f%% done", e.Case, e.Of, e.Case.Short(), e.Case.Title(), 100*e.Fraction)
		}
		caseProgress(e.Event)
	}
}

func reportOf(l *session.Lesson) lessonReport {
	r := lessonReport{Winner: l.Winner, Conclusion: l.Conclusion, Advice: l.Advice, Cases: []lessonEntry{}}
	for _, lc := range l.Cases {
		e := lessonEntry{Case: lc.Case, Title: lc.Case.Title(), BudgetSeconds: lc.Budget.Seconds(), Shortened: lc.Shortened, Error: lc.Err}
		if t := lc.Trained; t != nil {
			acc := t.Accuracy
			e.ValAccuracy, e.Seconds, e.BestEpoch, e.Epochs, e.Classifier = &acc, t.Seconds, t.BestEpoch, len(t.History), t.Path
			if t.Test != nil {
				e.TestAccuracy = &t.Test.Accuracy
			}
		}
		r.Cases = append(r.Cases, e)
	}
	return r
}

// printLesson prints the table of the cases, then the winner and the
// conclusion.
func printLesson(w io.Writer, l *session.Lesson) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\ttitle\tval accuracy\ttest accuracy\tbest epoch\tseconds\tshortened")
	for _, lc := range l.Cases {
		t := lc.Trained
		if t == nil {
			fmt.Fprintf(tw, "%d\t%s\tfailed\t\t\t\t%s\n", lc.Case, lc.Case.Title(), lc.Err)
			continue
		}
		test := "no test share"
		if t.Test != nil {
			test = fmt.Sprintf("%.1f%%", 100*t.Test.Accuracy)
		}
		fmt.Fprintf(tw, "%d\t%s\t%.1f%%\t%s\t%d of %d\t%.1f\t%s\n", lc.Case, lc.Case.Title(), 100*t.Accuracy, test, t.BestEpoch, len(t.History), t.Seconds, lc.Shortened)
	}
	tw.Flush()
	fmt.Fprintln(w)
	if l.Winner != cases.None {
		fmt.Fprintf(w, "Winner: case %d, %s.\n", l.Winner, l.Winner.Title())
	}
	fmt.Fprintln(w, l.Conclusion)
	for _, lc := range l.Cases {
		if lc.Trained != nil {
			fmt.Fprintf(w, "case %d's classifier: %s\n", lc.Case, lc.Trained.Path)
		}
	}
}
