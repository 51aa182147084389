package train

import (
	"context"
	"fmt"

	"transferlab/engine/backend"
	"transferlab/engine/cpunet"
	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/predict"
)

// ClassifyWithNovelty returns each file's class probabilities, as Classify
// does, and whether the picture looks unlike every training picture ("none
// of these"). A classifier saved without a calibration (by a TransferLab
// from before it existed) answers false for every picture. Unreadable
// files get nil probabilities, false, and an *predict.Unreadable error.
func (c *Classifier) ClassifyWithNovelty(ctx context.Context, files []string, progress func(done, total int)) ([][]float64, []bool, error) {
	unlike := make([]bool, len(files))
	if c.Novelty == nil {
		probs, err := c.Classify(ctx, files, progress)
		return probs, unlike, err
	}
	feats, err := c.features(ctx, files, cpunet.New(""), nil, progress)
	if feats == nil {
		return nil, nil, err
	}
	// One pass gives both answers: the head is applied to the features here
	// rather than in a second run of the network.
	w, b := c.state[headPath+".weight"].Data, c.state[headPath+".bias"].Data
	probs := make([][]float64, len(files))
	for i, f := range feats {
		if f == nil {
			continue
		}
		probs[i] = predict.Softmax(linearRows([][]float32{f}, []int{0}, w, b)[0])
		unlike[i] = c.Novelty.Unlike(f)
	}
	return probs, unlike, err
}

// features runs the classifier's backbone on files, on be, and pools it:
// one vector (D) per file, the head's input; nil for an unreadable file.
// Pictures are read through cache (nil: none).
func (c *Classifier) features(ctx context.Context, files []string, be backend.Backend, cache *imageprep.PictureCache, progress func(done, total int)) ([][]float32, error) {
	net, err := models.New(c.Network)
	if err != nil {
		return nil, err
	}
	m := transfer{net: net, upTo: c.UpTo}
	params := m.backboneParams()
	st, err := models.NewState(params, pick(c.state, params), 0)
	if err != nil {
		return nil, fmt.Errorf("train: classifier for %s: %w", c.Network, err)
	}
	crop := c.Transform.Crop
	return predict.OutputsCached(ctx, files, c.Transform, cache, func(n int) (backend.Runner, error) {
		return be.Runner(st, []int{n, 3, crop, crop}, m.pooled)
	}, progress)
}

// calibrateTrained sets the calibration of a classifier whose backbone
// trained (cases 3, 4): its own features of (at most maxReference)
// training and (maxCalibration) validation pictures, one more pass through
// the kept network on be, reading the pictures the training kept in cache.
// A picture that cannot be decoded is left out.
func calibrateTrained(ctx context.Context, clf *Classifier, data *dataset.Dataset, be backend.Backend, cache *imageprep.PictureCache) error {
	train, val := pathsOf(evenly(data.Train, maxReference)), pathsOf(evenly(data.Val, maxCalibration))
	feats, err := clf.features(ctx, append(train, val...), be, cache, nil)
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return err
	}
	clf.Novelty = calibrateNovelty(feats[:len(train)], feats[len(train):])
	return nil
}

// calibrateOrWarn calibrates a trained-backbone classifier; when that
// fails (or the user stops the run now) the classifier is kept without
// it, and the run says once why Try it will not say "none of these".
func calibrateOrWarn(ctx context.Context, clf *Classifier, data *dataset.Dataset, be backend.Backend, cache *imageprep.PictureCache, progress Progress) {
	err := calibrateTrained(ctx, clf, data, be, cache)
	switch {
	case err == nil && clf.Novelty != nil:
		return
	case ctx.Err() != nil:
		err = fmt.Errorf("the run was stopped first")
	case err == nil:
		err = fmt.Errorf("no training or validation picture could be read again")
	}
	clf.Novelty = nil
	progress.send(Event{Phase: PhaseWarning, Message: fmt.Sprintf("the model will not say \"none of these\" for pictures unlike its classes: %v", err)})
}
