package session

import (
	"context"
	"errors"
	"fmt"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/train"
)

// Advice is the recommended case for some pictures and a network, with the
// reason in plain words and the figures it rests on.
type Advice struct {
	Network string     `json:"network"`
	Case    cases.Case `json:"case"`
	// Cut is where case 2 should cut the network, when that is the advice.
	Cut    string `json:"cut,omitempty"`
	Title  string `json:"title"` // the case's plain-words name
	Reason string `json:"reason"`
	// ImageNetLike is how familiar the pictures look to the pretrained
	// network (its mean top-1 probability on the sample), 0..1; negative
	// when unknown because its weights are not on this computer.
	ImageNetLike  float64 `json:"imagenet_like"`
	SmallestClass int     `json:"smallest_class"`
	Sampled       int     `json:"sampled"` // pictures the pretrained network looked at
	// Measured holds the frozen options (case 1, then case 2 at each cut
	// from deep to shallow) as cross-validated on the sample; empty when
	// the weights are not on this computer and the advice is the rule of
	// thumb (train.Recommend).
	Measured []MeasuredOption `json:"measured"`
	// WholeNetworkMinutes estimates how long letting the whole network
	// learn (case 3) would take here, from the measured speed; 0 unknown.
	WholeNetworkMinutes float64 `json:"whole_network_minutes,omitempty"`
}

// MeasuredOption is one frozen case's cross-validated accuracy.
type MeasuredOption = train.MeasuredOption

// adviceSample is about how many pictures (spread over the classes) the
// advice measures on. With five folds the held-back pictures then number
// 300 in all, so an accuracy near 90% is known to about ±2 points (its
// binomial standard error), finer than the one point a cut must win by
// only when the folds agree; and one pass of SqueezeNet over them takes
// well under a minute on a 2-core laptop, seconds once cached.
const adviceSample = 300

// adviceFolds and adviceSeed make the cross-validation repeatable.
const (
	adviceFolds = 5
	adviceSeed  = 1
)

// Recommend picks a case for classes by measuring, on a sample of the
// pictures, how well the frozen cases recognise held-back pictures: the
// whole pretrained backbone (case 1) against cuts at each of the network's
// cut points (case 2), by cross-validation on features computed in one
// pass (and cached, so asking again takes seconds). Cases 3 and 4 get an
// estimate in words. Network's pretrained weights come from file, or the
// cached ones when ""; without weights on this computer the advice is the
// rule of thumb and says so; a weights file that is there but wrong is an
// error. progress counts the sampled pictures.
func (s *Session) Recommend(ctx context.Context, network, file string, classes []dataset.Class, progress func(done, total int)) (Advice, error) {
	if len(classes) < 2 {
		return Advice{}, fmt.Errorf("a recommendation needs at least 2 classes of pictures; there are %d", len(classes))
	}
	smallest, total := -1, 0
	for _, c := range classes {
		if smallest < 0 || len(c.Files) < smallest {
			smallest = len(c.Files)
		}
		total += len(c.Files)
	}
	smallest = max(smallest, 0)
	sd, err := s.Pretrained(network, file)
	var missing *MissingWeightsError
	if errors.As(err, &missing) {
		a := train.Recommend(smallest, -1)
		return Advice{Network: network, Case: a.Case, Title: a.Case.Title(), SmallestClass: smallest, ImageNetLike: -1,
			Reason: a.Reason + " Without the pretrained weights nothing could be measured, so this is a rule of thumb.", Measured: []MeasuredOption{}}, nil
	}
	if err != nil {
		return Advice{}, err
	}
	m, err := measureFrozen(ctx, s.featureCache(), network, sd, sampleOf(classes), progress)
	if err != nil {
		return Advice{}, err
	}
	return m.advice(network, smallest, total), nil
}

// advice words a measurement for pictures whose smallest class has
// smallest pictures, total in all.
func (m *measurement) advice(network string, smallest, total int) Advice {
	if len(m.options) == 0 {
		a := train.Recommend(smallest, m.familiarity)
		return Advice{Network: network, Case: a.Case, Title: a.Case.Title(), SmallestClass: smallest, ImageNetLike: m.familiarity,
			Sampled: m.sampled, Measured: []MeasuredOption{},
			Reason: a.Reason + fmt.Sprintf(" With only %d readable pictures the cases cannot be measured (it takes %d), so this is a rule of thumb.", m.sampled, minMeasured)}
	}
	chosen := train.ChooseMeasured(m.options)
	best := 0.0
	for _, o := range m.options {
		best = max(best, o.Accuracy)
	}
	minutes := m.wholeNetworkMinutes(total)
	reason := fmt.Sprintf("Your smallest class has %d pictures. %s %s", smallest,
		train.MeasuredReason(m.options, chosen, m.sampled), train.WholeNetworkEstimate(best, smallest, minutes))
	return Advice{
		Network: network, Case: chosen.Case, Cut: chosen.Cut, Title: chosen.Case.Title(), Reason: reason,
		ImageNetLike: m.familiarity, SmallestClass: smallest, Sampled: m.sampled,
		Measured: m.options, WholeNetworkMinutes: minutes,
	}
}

// sampleOf picks about adviceSample pictures spread evenly over each class.
func sampleOf(classes []dataset.Class) []dataset.Class {
	out := make([]dataset.Class, len(classes))
	for i, c := range classes {
		out[i] = dataset.Class{Name: c.Name, Files: spread(c.Files, adviceSample/len(classes))}
	}
	return out
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
