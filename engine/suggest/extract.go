package suggest

import (
	"context"
	"errors"

	"transferlab/engine/dataset"
	"transferlab/engine/features"
)

// seenFeatures are the readable pictures' features, labelled and not.
type seenFeatures struct {
	labelledFiles   []string
	labelled        [][]float32 // (n, D)
	labels          []int       // class index of each labelled row
	unlabelledFiles []string
	unlabelled      [][]float32 // (m, D)
	classes         []string
}

// extract runs the backbone over every picture of the job (one pass, the
// cache first) and sorts the readable ones' features; unreadable ones go to
// res.Unreadable.
func extract(ctx context.Context, job Job, res *Result, progress func(done, total int)) (*seenFeatures, error) {
	var pics []features.Picture
	var labels []int
	for c, cl := range job.Classes {
		for _, f := range cl.Files {
			pics, labels = append(pics, features.Picture{Path: f}), append(labels, c)
		}
	}
	nLabelled := len(pics)
	for _, f := range job.Unlabelled {
		pics = append(pics, features.Picture{Path: f})
	}
	if job.Cache == nil {
		return nil, errors.New("suggest: no feature cache given")
	}
	ext, err := job.Backbone.Extract(ctx, job.Cache, pics, progress)
	if err != nil {
		return nil, err
	}
	s := &seenFeatures{classes: classNames(job.Classes)}
	for i, p := range pics {
		v := ext.Features[i]
		if v == nil {
			res.Unreadable = append(res.Unreadable, dataset.Skipped{Path: p.Path, Reason: readable(ext.Unreadable[i])})
			continue
		}
		if i < nLabelled {
			s.labelledFiles, s.labelled, s.labels = append(s.labelledFiles, p.Path), append(s.labelled, v), append(s.labels, labels[i])
		} else {
			s.unlabelledFiles, s.unlabelled = append(s.unlabelledFiles, p.Path), append(s.unlabelled, v)
		}
	}
	return s, nil
}

// readable is the reason a picture was left out, or a plain fallback.
func readable(err error) string {
	if err == nil {
		return "could not be read"
	}
	return err.Error()
}

// ErrTooFewClasses says the labelled pictures cannot support a vote.
var ErrTooFewClasses = errors.New("suggestions need at least two classes with a readable picture each")

// vote fills res with the neighbours' suggestions (when suggest is true:
// a classifier may suggest instead) and the review of the labelled
// pictures.
func (s *seenFeatures) vote(k int, suggest bool, res *Result) error {
	counts := make([]int, len(s.classes))
	for _, c := range s.labels {
		counts[c]++
	}
	withPictures := 0
	for _, n := range counts {
		if n > 0 {
			withPictures++
		}
	}
	if withPictures < 2 {
		return ErrTooFewClasses
	}
	sp := newSpace(s.labelled, s.labels, s.unlabelled, len(s.classes))
	v, loo := sp.calibrate(k)
	if suggest {
		for i, q := range sp.unlabelled {
			ns := sp.nearest(q, k, -1)
			p := v.probabilities(ns, s.labels, len(s.classes))
			c := argmax(p)
			res.Suggestions = append(res.Suggestions, Suggestion{
				File: s.unlabelledFiles[i], Suggested: s.classes[c], Class: c, Confidence: p[c],
				Neighbour: s.labelledFiles[ns[0].index],
			})
		}
	}
	res.Mislabelled = s.doubts(loo)
	res.NearDuplicates = s.nearDuplicates(sp)
	return nil
}
