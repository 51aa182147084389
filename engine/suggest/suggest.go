package suggest

import (
	"context"
	"errors"
	"strings"

	"transferlab/engine/dataset"
	"transferlab/engine/features"
	"transferlab/engine/predict"
	"transferlab/engine/train"
)

// DefaultConfidence is where "sure enough to accept" starts. On ants and
// bees with ten labelled pictures a class (SqueezeNet 1.1 features, five
// draws of the ten) 90% of the suggestions at or above it were right, and
// 80% of all of them (TestAntsAndBeesFromTenLabelledEach).
const DefaultConfidence = 0.8

// defaultNeighbours is k when Job.Neighbours is 0: enough that one odd
// neighbour is outvoted, few enough that a class of three pictures still
// counts with a class of hundreds.
const defaultNeighbours = 10

// Job is one round of suggestions.
type Job struct {
	// Classes are the labelled pictures, one entry per class (at least two
	// with a readable picture).
	Classes []dataset.Class
	// Unlabelled are the pictures to suggest a class for.
	Unlabelled []string
	// Backbone gives the pretrained features: the neighbours' vote, and the
	// review of the labelled pictures. It may be nil only with a Classifier
	// (then nothing is reviewed).
	Backbone *features.Extractor
	// Cache keeps the features between rounds (and shares them with
	// training and the advice, which use the same keys). Required with a
	// Backbone.
	Cache *features.Cache
	// Classifier, when not nil, suggests instead of the neighbours: a model
	// trained on these classes knows them better than any vote.
	Classifier *train.Classifier
	// Neighbours is k, the labelled pictures that vote; 0 = 10.
	Neighbours int
}

// Suggestion is the class proposed for one unlabelled picture.
type Suggestion struct {
	File       string  `json:"file"`
	Suggested  string  `json:"suggested"`
	Class      int     `json:"class"`      // index of Suggested in Result.Classes
	Confidence float64 `json:"confidence"` // 0..1, calibrated (see voter)
	// Neighbour is the most similar labelled picture ("" from a classifier).
	Neighbour string `json:"neighbour,omitempty"`
}

// Doubt is a labelled picture its neighbours would have put elsewhere.
type Doubt struct {
	File       string  `json:"file"`
	Labelled   string  `json:"labelled"`
	Suggested  string  `json:"suggested"`
	Confidence float64 `json:"confidence"` // of Suggested, by its neighbours
}

// NearDuplicate is two pictures filed under different classes that look
// all but identical to the network.
type NearDuplicate struct {
	Files      [2]string `json:"files"`
	Classes    [2]string `json:"classes"`
	Similarity float64   `json:"similarity"` // cosine of their centred features, up to 1
}

// Result is a round of suggestions and what to review.
type Result struct {
	Classes     []string     `json:"classes"`
	Suggestions []Suggestion `json:"suggestions"` // in the order of Job.Unlabelled, unreadable ones left out
	By          string       `json:"by"`          // "neighbours" or "classifier"
	// Mislabelled are labelled pictures whose neighbours disagree with
	// their label, the most confident disagreement first.
	Mislabelled []Doubt `json:"mislabelled"`
	// NearDuplicates across classes, the most similar first.
	NearDuplicates []NearDuplicate `json:"near_duplicates"`
	// Unreadable pictures (labelled or not) were left out, with why.
	Unreadable []dataset.Skipped `json:"unreadable,omitempty"`
}

// The ways a suggestion is made.
const (
	ByNeighbours = "neighbours"
	ByClassifier = "classifier"
)

// Run makes the suggestions. progress(done, total) counts pictures through
// the network: the backbone's pass over every picture (cached ones count at
// once), then the classifier's over the unlabelled ones.
func Run(ctx context.Context, job Job, progress func(done, total int)) (*Result, error) {
	if job.Backbone == nil && job.Classifier == nil {
		return nil, errors.New("suggestions need a pretrained network or a trained model")
	}
	if job.Neighbours <= 0 {
		job.Neighbours = defaultNeighbours
	}
	total := 0
	if job.Backbone != nil {
		total += countFiles(job.Classes) + len(job.Unlabelled)
	}
	if job.Classifier != nil {
		total += len(job.Unlabelled)
	}
	step := func(offset int) func(done, _ int) {
		return func(done, _ int) {
			if progress != nil {
				progress(offset+done, total)
			}
		}
	}
	res := &Result{Classes: classNames(job.Classes), By: ByNeighbours}
	var seen *seenFeatures
	if job.Backbone != nil {
		var err error
		if seen, err = extract(ctx, job, res, step(0)); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil { // every feature may have been cached
			return nil, err
		}
		// With a classifier the vote only reviews the labels: too few
		// labelled classes leave nothing to review, not nothing to suggest.
		err = seen.vote(job.Neighbours, job.Classifier == nil, res)
		if err != nil && !(job.Classifier != nil && errors.Is(err, ErrTooFewClasses)) {
			return nil, err
		}
	}
	if job.Classifier != nil {
		if err := classify(ctx, job, res, step(total-len(job.Unlabelled))); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func countFiles(classes []dataset.Class) int {
	n := 0
	for _, c := range classes {
		n += len(c.Files)
	}
	return n
}

func classNames(classes []dataset.Class) []string {
	out := make([]string, len(classes))
	for i, c := range classes {
		out[i] = c.Name
	}
	return out
}

// classify asks the trained classifier for the unlabelled pictures'
// classes; its own class list replaces the job's.
func classify(ctx context.Context, job Job, res *Result, progress func(done, total int)) error {
	clf := job.Classifier
	probs, err := clf.Classify(ctx, job.Unlabelled, progress)
	if u, partial := predict.AsUnreadable(err); err != nil {
		if !partial {
			return err
		}
		res.Unreadable = appendUndecoded(res.Unreadable, job.Unlabelled, probs, u)
	}
	res.Classes, res.By, res.Suggestions = clf.Classes, ByClassifier, nil
	for i, p := range probs {
		if p == nil {
			continue
		}
		c := argmax(p)
		res.Suggestions = append(res.Suggestions, Suggestion{File: job.Unlabelled[i], Suggested: clf.Classes[c], Class: c, Confidence: p[c]})
	}
	return nil
}

// appendUndecoded lists the unreadable pictures a classifier left out
// (nil probabilities), unless the backbone already did, each with its error
// (every error of u names its file).
func appendUndecoded(out []dataset.Skipped, files []string, probs [][]float64, u *predict.Unreadable) []dataset.Skipped {
	listed := map[string]bool{}
	for _, s := range out {
		listed[s.Path] = true
	}
	for i, p := range probs {
		if p != nil || listed[files[i]] {
			continue
		}
		reason := "could not be decoded"
		for _, e := range u.Errs {
			if strings.Contains(e.Error(), files[i]) {
				reason = e.Error()
			}
		}
		out = append(out, dataset.Skipped{Path: files[i], Reason: reason})
	}
	return out
}
