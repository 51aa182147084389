package main

import "fmt"

// advise recommends a case for a folder of pictures, with the reason the
// app shows on its Model screen. It reads the folder as the app reads a
// dropped folder (train/ and val/ taken together), so both look at the same
// sample and give the same advice.
func (c *cli) advise(args []string) error {
	fs := newFlags("advise")
	data := fs.String("data", "", "folder of class folders (or with train/ and val/ folders, taken together)")
	model := fs.String("model", "", "network name (see: transferlab models)")
	weightsFile := fs.String("weights", "", "pretrained weights file, to see how familiar the pictures look (default: the cached official weights; without any, familiarity is unknown)")
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
	fmt.Fprintf(c.stdout, "Recommended: case %d, %s. %s\n", a.Case, a.Title, a.Reason)
	return nil
}
