package session

import (
	"context"
	"errors"
	"fmt"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/predict"
	"transferlab/engine/train"
)

// Advice is the recommended case for some pictures and a network, with the
// reason in plain words and the figures it rests on.
type Advice struct {
	Network string     `json:"network"`
	Case    cases.Case `json:"case"`
	Title   string     `json:"title"` // the case's plain-words name
	Reason  string     `json:"reason"`
	// ImageNetLike is how familiar the pictures look to the pretrained
	// network (its mean top-1 probability on the sample), 0..1; negative
	// when unknown because its weights are not on this computer.
	ImageNetLike  float64 `json:"imagenet_like"`
	SmallestClass int     `json:"smallest_class"`
	Sampled       int     `json:"sampled"` // pictures the pretrained network looked at
}

// familiaritySample is about how many pictures (spread over the classes)
// the pretrained network looks at for a recommendation: enough for a
// steady average, few enough to answer in seconds on a laptop.
const familiaritySample = 64

// Recommend picks a case for classes from the smallest class's size and how
// familiar a sample of the pictures looks to network's pretrained weights
// (file, or the cached ones when ""). Without weights on this computer the
// familiarity is unknown and the advice says so; a weights file that is
// there but wrong is an error. progress counts the sampled pictures.
func (s *Session) Recommend(ctx context.Context, network, file string, classes []dataset.Class, progress func(done, total int)) (Advice, error) {
	if len(classes) < 2 {
		return Advice{}, fmt.Errorf("a recommendation needs at least 2 classes of pictures; there are %d", len(classes))
	}
	smallest, sample := -1, []string{}
	for _, c := range classes {
		if smallest < 0 || len(c.Files) < smallest {
			smallest = len(c.Files)
		}
		sample = append(sample, spread(c.Files, familiaritySample/max(1, len(classes)))...)
	}
	likeness, err := s.familiarity(ctx, network, file, sample, progress)
	if err != nil {
		return Advice{}, err
	}
	a := train.Recommend(max(smallest, 0), likeness)
	adv := Advice{Network: network, Case: a.Case, Title: a.Case.Title(), Reason: a.Reason, ImageNetLike: likeness, SmallestClass: max(smallest, 0)}
	if likeness >= 0 {
		adv.Sampled = len(sample)
	}
	return adv, nil
}

// familiarity is the pretrained network's mean top-1 probability on
// sample, or -1 when its weights are not on this computer or there is no
// sample.
func (s *Session) familiarity(ctx context.Context, network, file string, sample []string, progress func(done, total int)) (float64, error) {
	if len(sample) == 0 {
		return -1, nil
	}
	sd, err := s.Pretrained(network, file)
	var missing *MissingWeightsError
	if errors.As(err, &missing) {
		return -1, nil
	}
	if err != nil {
		return 0, err
	}
	p, err := predict.New(network, sd)
	if err != nil {
		return 0, err
	}
	return p.Familiarity(ctx, sample, progress)
}

// spread picks up to n items evenly from xs, in order (all when n >= len),
// and at least 4 so a class of many counts even among many classes.
func spread(xs []string, n int) []string {
	n = max(n, 4)
	if len(xs) <= n {
		return xs
	}
	out := make([]string, n)
	for k := range out {
		out[k] = xs[k*len(xs)/n]
	}
	return out
}
