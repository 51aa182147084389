package session

import (
	"context"
	"fmt"

	"transferlab/engine/dataset"
	"transferlab/engine/predict"
	"transferlab/engine/train"
)

// Classify runs the saved classifier at path on images and returns each
// image's top classes, most probable first, and whether it looks unlike
// every training picture (Result.NoneOfThese). Pictures that cannot be read
// carry their reason in Result.Error, and the error is then a
// *predict.Unreadable beside the complete results. progress counts images.
func (s *Session) Classify(ctx context.Context, path string, images []string, top int, progress func(done, total int)) ([]predict.Result, error) {
	clf, err := s.Classifier(path)
	if err != nil {
		return nil, err
	}
	probs, unlike, err := clf.ClassifyWithNovelty(ctx, images, progress)
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return nil, err
	}
	results := predict.Results(images, probs, err, clf.Classes, top)
	for i := range results {
		results[i].NoneOfThese = &unlike[i]
	}
	return results, err
}

// PredictImageNet names the ImageNet classes network sees in images, with
// its pretrained weights (file, or the cached ones when "").
func (s *Session) PredictImageNet(ctx context.Context, network, file string, images []string, top int, progress func(done, total int)) ([]predict.Result, error) {
	sd, err := s.Pretrained(network, file)
	if err != nil {
		return nil, err
	}
	p, err := predict.New(network, sd)
	if err != nil {
		return nil, err
	}
	return p.Predict(ctx, images, top, progress)
}

// Evaluation is how a saved classifier does on labelled pictures.
type Evaluation struct {
	Classes []string `json:"classes"`
	train.Evaluation
	Predictions []train.Prediction `json:"predictions"`
	// Skipped are the pictures and folders the scan left out, and why:
	// the figures above are for the others.
	Skipped    []dataset.Skipped   `json:"skipped,omitempty"`
	Duplicates []dataset.Duplicate `json:"duplicates,omitempty"`
}

// Evaluate runs the classifier at path on data: its validation pictures
// when data came with its own split, else all of them (pictures the
// classifier never saw). Classes are matched by name. progress counts images.
func (s *Session) Evaluate(ctx context.Context, path string, data *dataset.Dataset, progress func(done, total int)) (*Evaluation, error) {
	clf, err := s.Classifier(path)
	if err != nil {
		return nil, err
	}
	items := data.Val
	if !data.PresetSplit {
		items = append(append([]dataset.Item(nil), data.Train...), data.Val...)
	}
	files, truth, err := mapClasses(items, data.Classes, clf.Classes)
	if err != nil {
		return nil, err
	}
	ev, preds, err := clf.Evaluate(ctx, files, truth, progress)
	// A picture whose header passed the scan but whose body cannot be
	// decoded is left out and listed, like the scan's own; the others count.
	if _, partial := predict.AsUnreadable(err); err != nil && (!partial || len(preds) == 0) {
		return nil, err
	}
	skipped := data.Skipped
	for _, f := range train.Unpredicted(files, preds) {
		skipped = append(skipped, dataset.Skipped{Path: f, Reason: "could not be decoded; left out"})
	}
	return &Evaluation{Classes: clf.Classes, Evaluation: ev, Predictions: preds, Skipped: skipped, Duplicates: data.Duplicates}, nil
}

// mapClasses relabels dataset items by the classifier's class names.
func mapClasses(items []dataset.Item, dataClasses, clfClasses []string) ([]string, []int, error) {
	index := map[string]int{}
	for i, name := range clfClasses {
		index[name] = i
	}
	files := make([]string, len(items))
	truth := make([]int, len(items))
	for i, it := range items {
		name := dataClasses[it.Class]
		j, ok := index[name]
		if !ok {
			return nil, nil, fmt.Errorf("the data has a class %q the classifier was not trained on (it knows %v)", name, clfClasses)
		}
		files[i], truth[i] = it.Path, j
	}
	return files, truth, nil
}

// Classifier loads the classifier file at path, once per session.
func (s *Session) Classifier(path string) (*train.Classifier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.classifiers[path]; ok {
		return c, nil
	}
	c, err := train.LoadClassifier(path)
	if err == nil {
		s.classifiers[path] = c
	}
	return c, err
}

// remember keeps a classifier just trained and saved at path.
func (s *Session) remember(path string, clf *train.Classifier) {
	s.mu.Lock()
	s.classifiers[path] = clf
	s.mu.Unlock()
}
