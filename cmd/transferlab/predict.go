package main

import (
	"fmt"

	"transferlab/engine/models"
	"transferlab/engine/predict"
	"transferlab/engine/weights"
)

func (c *cli) predict(args []string) error {
	fs := newFlags("predict")
	model := fs.String("model", "", "network name (see `transferlab models`)")
	weightsFile := fs.String("weights", "", "weights file (.pth or TransferLab checkpoint); default: the cached official weights")
	classifier := fs.String("classifier", "", "a classifier file written by `transferlab train` (instead of --model)")
	top := fs.Int("top", 5, "how many classes to show per image")
	asJSON := fs.Bool("json", false, "print JSON")
	images, err := parse(fs, args)
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
	sd, err := loadNetworkWeights(*model, *weightsFile)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	p, err := predict.New(*model, sd)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	bar := newProgressBar(c.stderr, "predicting")
	results, err := p.Predict(c.ctx, images, *top, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	bar.done()
	return c.printPredictions(results, *asJSON)
}

// loadNetworkWeights reads an explicit weights file, or else the cached
// official weights, and checks them against the network.
func loadNetworkWeights(network, file string) (weights.StateDict, error) {
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	if file == "" {
		cached, ok := weights.Cached(network)
		if !ok {
			return nil, fmt.Errorf("no weights for %s yet: run `transferlab models fetch %s`, or `transferlab models import %s FILE` with a downloaded file", network, network, network)
		}
		file = cached
	}
	sd, _, err := weights.LoadAny(file)
	if err != nil {
		return nil, err
	}
	if err := net.CheckWeights(sd); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return sd, nil
}
