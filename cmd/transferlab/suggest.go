package main

import (
	"fmt"
	"io"
	"sort"

	"transferlab/engine/dataset"
	"transferlab/engine/session"
	"transferlab/engine/suggest"
	"transferlab/engine/weights"
)

// suggest proposes a class for each picture of the unlabelled folder from
// the labelled ones of --data (their nearest neighbours in the pretrained
// network's features), or from a trained classifier, and lists labelled
// pictures worth a second look. It changes no file.
func (c *cli) suggest(args []string) error {
	fs := newFlags("suggest")
	data := fs.String("data", "", "folder of class folders: the pictures labelled so far")
	unlabelled := fs.String("unlabelled", "", "folder of pictures to suggest a class for (its subfolders too)")
	model := fs.String("model", "squeezenet1_1", "network whose pretrained features are compared (see: transferlab models)")
	weightsFile := fs.String("weights", "", "pretrained weights file (default: the cached official weights)")
	classifier := fs.String("classifier", "", "a trained classifier (.tlc) suggests instead of the neighbours; the labelled pictures are still reviewed when the network's weights are here")
	asJSON := fs.Bool("json", false, "print the suggestions as JSON: one entry per unlabelled picture, {file, suggested, confidence}")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	if *data == "" || *unlabelled == "" {
		return fmt.Errorf("suggest: --data and --unlabelled are required")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	job, closeJob, err := c.suggestJob(s, *model, *weightsFile, *classifier)
	if err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	defer closeJob()
	if job.Classes, job.Unlabelled, err = c.suggestPictures(s, *data, *unlabelled); err != nil {
		return fmt.Errorf("suggest: %w", err)
	}
	bar := newProgressBar(c.con, "looking at the pictures")
	res, err := suggest.Run(c.ctx, job, func(done, total int) { bar.update(int64(done), int64(total), "images") })
	if err != nil {
		return fmt.Errorf("suggest: %w", explainMissing(err))
	}
	bar.finish()
	c.leftOut(res.Unreadable)
	if *asJSON {
		c.review(res)
		if res.Suggestions == nil {
			res.Suggestions = []suggest.Suggestion{}
		}
		return writeJSON(c.stdout, res.Suggestions)
	}
	printSuggestions(c.stdout, res)
	return nil
}

// suggestJob prepares the network (and the classifier, when given); the
// returned function releases the device. Without a classifier the
// pretrained weights are required; with one they only add the review.
func (c *cli) suggestJob(s *session.Session, model, weightsFile, classifier string) (suggest.Job, func(), error) {
	var job suggest.Job
	if classifier != "" {
		clf, err := s.Classifier(classifier)
		if err != nil {
			return job, nil, err
		}
		job.Classifier = clf
	}
	sd, err := s.Pretrained(model, weightsFile)
	if err != nil {
		if classifier != "" && weightsFile == "" {
			c.con.linef("note: no pretrained weights for %s here, so the labelled pictures are not reviewed", model)
			return job, func() {}, nil
		}
		return job, nil, explainMissing(err)
	}
	dir, err := weights.CacheDir()
	if err != nil {
		return job, nil, err
	}
	release, err := job.UsePretrained(model, sd, dir)
	return job, release, err
}

// suggestPictures reads the labelled classes of data and every picture
// under unlabelled (its subfolders' too, whatever their names), naming the
// files left out.
func (c *cli) suggestPictures(s *session.Session, data, unlabelled string) ([]dataset.Class, []string, error) {
	bar := newProgressBar(c.con, "checking images")
	progress := func(done, total int) { bar.update(int64(done), int64(total), "images") }
	labelled, err := s.Collect(c.ctx, []string{data}, progress)
	if err != nil {
		return nil, nil, err
	}
	loose, err := s.Collect(c.ctx, []string{unlabelled}, progress)
	if err != nil {
		return nil, nil, err
	}
	bar.finish()
	c.leftOut(append(labelled.Skipped, loose.Skipped...))
	c.duplicates(labelled.Duplicates)
	files := loose.Unlabelled
	for _, cl := range loose.Classes {
		files = append(files, cl.Files...)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no picture to suggest a class for in %s", unlabelled)
	}
	return labelled.Classes, files, nil
}

// review names on stderr the labelled pictures worth a second look (the
// JSON on stdout is the suggestions only).
func (c *cli) review(res *suggest.Result) {
	for _, d := range res.Mislabelled {
		c.con.linef("likely mislabelled: %s is labelled %s; its neighbours say %s (%.0f%%)", d.File, d.Labelled, d.Suggested, 100*d.Confidence)
	}
	for _, n := range res.NearDuplicates {
		c.con.linef("near-duplicates across classes: %s (%s) and %s (%s), %.0f%% alike", n.Files[0], n.Classes[0], n.Files[1], n.Classes[1], 100*n.Similarity)
	}
}

// printSuggestions writes the suggestions, the surest first, then the
// review.
func printSuggestions(w io.Writer, res *suggest.Result) {
	sorted := append([]suggest.Suggestion(nil), res.Suggestions...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].Confidence > sorted[b].Confidence })
	sure := 0
	for _, s := range sorted {
		if s.Confidence >= suggest.DefaultConfidence {
			sure++
		}
	}
	by := "their nearest labelled neighbours"
	if res.By == suggest.ByClassifier {
		by = "the trained classifier"
	}
	fmt.Fprintf(w, "%d suggestions by %s, %d of them at or above %.0f%% confidence:\n", len(sorted), by, sure, 100*suggest.DefaultConfidence)
	for _, s := range sorted {
		fmt.Fprintf(w, "  %3.0f%%  %-16s %s\n", 100*s.Confidence, s.Suggested, s.File)
	}
	if len(res.Mislabelled) > 0 {
		fmt.Fprintln(w, "\nLikely mislabelled (their neighbours say otherwise):")
		for _, d := range res.Mislabelled {
			fmt.Fprintf(w, "  %s: labelled %s, neighbours say %s (%.0f%%)\n", d.File, d.Labelled, d.Suggested, 100*d.Confidence)
		}
	}
	if len(res.NearDuplicates) > 0 {
		fmt.Fprintln(w, "\nNear-duplicates in different classes:")
		for _, n := range res.NearDuplicates {
			fmt.Fprintf(w, "  %s (%s) and %s (%s), %.0f%% alike\n", n.Files[0], n.Classes[0], n.Files[1], n.Classes[1], 100*n.Similarity)
		}
	}
}
