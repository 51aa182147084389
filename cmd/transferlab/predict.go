package main

import (
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"transferlab/engine/predict"
)

func (c *cli) predict(args []string) error {
	fs := newFlags("predict")
	model := fs.String("model", "", "network name (see: transferlab models)")
	weightsFile := fs.String("weights", "", "weights file (.pth or TransferLab checkpoint); default: the cached official weights")
	classifier := fs.String("classifier", "", "a classifier file written by transferlab train (instead of --model)")
	top := fs.Int("top", 5, "how many classes to show per image")
	asJSON := fs.Bool("json", false, "print JSON")
	images, err := c.parse(fs, args)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	switch {
	case (*model == "") == (*classifier == ""):
		return fmt.Errorf("predict: give either --model NAME (see `transferlab models`) or --classifier FILE")
	case len(images) == 0:
		return fmt.Errorf("predict: no image files given")
	case *top < 1:
		return fmt.Errorf("predict: --top must be at least 1")
	case *classifier != "":
		return c.predictWithClassifier(*classifier, images, *top, *asJSON)
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	bar := newProgressBar(c.con, "predicting")
	results, err := s.PredictImageNet(c.ctx, *model, *weightsFile, images, *top, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return fmt.Errorf("predict: %w", explainMissing(err))
	}
	bar.finish()
	return c.printPredictions(results, err, *asJSON)
}

// printPredictions prints every picture's answer, then lists the pictures
// that could not be read (in the JSON too, with their error) and fails
// with exit code 1 when there were any: a script sees partial results.
func (c *cli) printPredictions(results []predict.Result, unreadable error, asJSON bool) error {
	var err error
	if asJSON {
		err = writeJSON(c.stdout, results)
	} else {
		err = printTable(c.stdout, results)
	}
	u, partial := predict.AsUnreadable(unreadable)
	if err != nil || !partial {
		return err
	}
	for _, e := range u.Errs {
		c.con.linef("could not read: %v", e)
	}
	return fmt.Errorf("predict: %w", u)
}

// printTable is the human form: each picture's top classes, and under
// them a line when the picture looks unlike every class the classifier
// learned (its top class then means little).
func printTable(w io.Writer, results []predict.Result) error {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, r := range results {
		for i, g := range r.Top {
			name := ""
			if i == 0 {
				name = filepath.Base(r.File)
			}
			fmt.Fprintf(tw, "%s\t%5.1f%%\t%s\t(%d)\n", name, 100*g.Prob, g.Label, g.Index)
		}
		if r.NoneOfThese != nil && *r.NoneOfThese {
			fmt.Fprintln(tw, noneOfTheseLine)
		}
	}
	return tw.Flush()
}

// noneOfTheseLine follows the answers for a picture unlike the training
// pictures; it has no tab, so it does not widen the table's columns.
const noneOfTheseLine = "  none of these: this picture looks unlike every class the model learned (add an \"other\" class with pictures like it)"
