package main

import (
	"fmt"
	"io"

	"transferlab/engine/cases"
	"transferlab/engine/session"
)

// advise recommends a case for a folder of pictures, measured on a sample
// of them, with the reason the app shows on its Model screen and the table
// of what was measured. It reads the folder as the app reads a
// dropped folder (train/ and val/ taken together), so both look at the same
// sample and give the same advice.
func (c *cli) advise(args []string) error {
	fs := newFlags("advise")
	data := fs.String("data", "", "folder of class folders (or with train/ and val/ folders, taken together)")
	model := fs.String("model", "", "network name (see: transferlab models)")
	weightsFile := fs.String("weights", "", "pretrained weights file, to measure the cases on your pictures (default: the cached official weights; without any, the advice is a rule of thumb)")
	asJSON := fs.Bool("json", false, "print the advice as JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("advise: %w", err)
	}
	if *data == "" || *model == "" {
		return fmt.Errorf("advise: --data and --model are required")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	bar := newProgressBar(c.con, "checking images")
	col, err := s.Collect(c.ctx, []string{*data}, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("advise: %w", err)
	}
	bar.finish()
	c.leftOut(col.Skipped)
	c.duplicates(col.Duplicates)
	bar = newProgressBar(c.con, "looking at a sample")
	a, err := s.Recommend(c.ctx, *model, *weightsFile, col.Classes, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("advise: %w", err)
	}
	if a.Sampled > 0 {
		bar.finish()
	}
	if *asJSON {
		return writeJSON(c.stdout, a)
	}
	printAdvice(c.stdout, a)
	return nil
}

// printAdvice writes the recommendation and its reason, then the measured
// options as a table.
func printAdvice(w io.Writer, a session.Advice) {
	where := ""
	if a.Cut != "" {
		where = " cut at " + a.Cut
	}
	fmt.Fprintf(w, "Recommended: case %d%s, %s. %s\n", a.Case, where, a.Title, a.Reason)
	if len(a.Measured) == 0 {
		return
	}
	fmt.Fprintf(w, "\nMeasured on %d of your pictures (5-fold cross-validation):\n", a.Sampled)
	fmt.Fprintf(w, "  %-28s %s\n", "option", "held-back pictures recognised")
	for _, o := range a.Measured {
		name := "case 1, whole backbone"
		if o.Case == cases.CutBackbone {
			name = "case 2, cut at " + o.Cut
		}
		mark := ""
		if o.Case == a.Case && o.Cut == a.Cut {
			mark = "  <- recommended"
		}
		fmt.Fprintf(w, "  %-28s %3.0f%% ± %.0f%s\n", name, 100*o.Accuracy, 100*o.Spread, mark)
	}
}
