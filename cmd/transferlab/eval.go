package main

import (
	"fmt"

	"transferlab/engine/predict"
)

func (c *cli) eval(args []string) error {
	fs := newFlags("eval")
	file := fs.String("classifier", "", "classifier file written by train")
	data := fs.String("data", "", "folder of class folders (its val/ folder if it has train/ and val/)")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if *file == "" || *data == "" {
		return fmt.Errorf("eval: --classifier and --data are required")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	// Open the classifier first: a wrong file should fail before the
	// pictures are read.
	if _, err := s.Classifier(*file); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	ds, err := c.scan(s, *data, 0.2, 1)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	bar := newProgressBar(c.con, "evaluating")
	ev, err := s.Evaluate(c.ctx, *file, ds, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	bar.finish()
	c.leftOut(ev.Skipped[len(ds.Skipped):]) // pictures whose body could not be decoded
	if *asJSON {
		return writeJSON(c.stdout, ev)
	}
	printEvaluation(c.stdout, ev.Classes, ev.Evaluation)
	return nil
}

// predictWithClassifier is `predict --classifier FILE`.
func (c *cli) predictWithClassifier(file string, images []string, top int, asJSON bool) error {
	s, err := c.session()
	if err != nil {
		return err
	}
	bar := newProgressBar(c.con, "predicting")
	results, err := s.Classify(c.ctx, file, images, top, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return fmt.Errorf("predict: %w", err)
	}
	bar.finish()
	return c.printPredictions(results, err, asJSON)
}
