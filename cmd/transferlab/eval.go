package main

import (
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"transferlab/engine/dataset"
	"transferlab/engine/predict"
	"transferlab/engine/train"
)

// evalReport is the JSON document `eval --json` prints.
type evalReport struct {
	Classes []string `json:"classes"`
	train.Evaluation
	Predictions []train.Prediction `json:"predictions"`
}

func (c *cli) eval(args []string) error {
	fs := newFlags("eval")
	file := fs.String("classifier", "", "classifier file written by train")
	data := fs.String("data", "", "folder of class folders (its val/ folder if it has train/ and val/)")
	asJSON := fs.Bool("json", false, "print JSON")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 {
		return fmt.Errorf("eval: %v", firstErr(err, fmt.Errorf("unexpected argument %q", rest)))
	}
	if *file == "" || *data == "" {
		return fmt.Errorf("eval: --classifier and --data are required")
	}
	clf, err := train.LoadClassifier(*file)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	ds, err := c.scan(*data, 0.2, 1)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	items := ds.Val
	if !ds.PresetSplit {
		items = append(append([]dataset.Item(nil), ds.Train...), ds.Val...)
	}
	files, truth, err := mapClasses(items, ds.Classes, clf.Classes)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	bar := newProgressBar(c.stderr, "evaluating")
	ev, preds, err := clf.Evaluate(c.ctx, files, truth, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	bar.done()
	if *asJSON {
		return writeJSON(c.stdout, evalReport{Classes: clf.Classes, Evaluation: ev, Predictions: preds})
	}
	printEvaluation(c.stdout, clf.Classes, ev)
	return nil
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

// predictWithClassifier is `predict --classifier FILE`.
func (c *cli) predictWithClassifier(file string, images []string, top int, asJSON bool) error {
	clf, err := train.LoadClassifier(file)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	bar := newProgressBar(c.stderr, "predicting")
	probs, err := clf.Classify(c.ctx, images, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	bar.done()
	results := make([]predict.Result, len(images))
	for i, p := range probs {
		results[i] = predict.Result{File: images[i], Top: predict.Top(p, clf.Classes, top)}
	}
	return c.printPredictions(results, asJSON)
}

func (c *cli) printPredictions(results []predict.Result, asJSON bool) error {
	if asJSON {
		return writeJSON(c.stdout, results)
	}
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	for _, r := range results {
		for i, g := range r.Top {
			name := ""
			if i == 0 {
				name = filepath.Base(r.File)
			}
			fmt.Fprintf(tw, "%s\t%5.1f%%\t%s\t(%d)\n", name, 100*g.Prob, g.Label, g.Index)
		}
	}
	return tw.Flush()
}
