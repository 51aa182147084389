package main

import "fmt"

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
	bar := newProgressBar(c.stderr, "predicting")
	results, err := s.PredictImageNet(c.ctx, *model, *weightsFile, images, *top, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("predict: %w", explainMissing(err))
	}
	bar.done()
	return c.printPredictions(results, *asJSON)
}
