package train

import (
	"strings"
	"testing"

	"transferlab/engine/cases"
)

func TestRecommend(t *testing.T) {
	for _, c := range []struct {
		n        int
		likeness float64
		want     cases.Case
		mention  string
	}{
		{30, 0.6, cases.FrozenBackbone, "everyday"},
		{30, 0.1, cases.CutBackbone, "unusual"},
		{1000, 0.6, cases.FineTune, "enough"},
		{1000, 0.1, cases.FromScratch, "unusual"},
		{30, -1, cases.FrozenBackbone, "could not check"},
	} {
		a := Recommend(c.n, c.likeness)
		if a.Case != c.want || !strings.Contains(a.Reason, c.mention) || !strings.HasPrefix(a.Reason, "Your smallest class") {
			t.Errorf("%d images, likeness %v: %+v, want case %d mentioning %q", c.n, c.likeness, a, c.want, c.mention)
		}
	}
}

// A cut is chosen only when it measures clearly better than the whole
// backbone; the best of several cuts is the one named.
func TestChooseMeasured(t *testing.T) {
	opts := func(whole, a, b float64) []MeasuredOption {
		return []MeasuredOption{
			{Case: cases.FrozenBackbone, Accuracy: whole, Spread: 0.02},
			{Case: cases.CutBackbone, Cut: "deep", Accuracy: a, Spread: 0.03},
			{Case: cases.CutBackbone, Cut: "shallow", Accuracy: b, Spread: 0.04},
		}
	}
	for _, c := range []struct {
		options []MeasuredOption
		want    cases.Case
		cut     string
		mention string
	}{
		{opts(0.86, 0.82, 0.75), cases.FrozenBackbone, "", "86% (± 2)"},
		{opts(0.86, 0.865, 0.80), cases.FrozenBackbone, "", "no cut did clearly better"},
		{opts(0.70, 0.74, 0.80), cases.CutBackbone, "shallow", "cutting at shallow did best"},
		{opts(0.70, 0.80, 0.80), cases.CutBackbone, "deep", "an earlier cut at deep 80% (± 3) and one at shallow 80% (± 4)"},
		{opts(0.9, 0, 0)[:1], cases.FrozenBackbone, "", "last block recognised 90%"},
	} {
		got := ChooseMeasured(c.options)
		reason := MeasuredReason(c.options, got, 60)
		if got.Case != c.want || got.Cut != c.cut || !strings.Contains(strings.ToLower(reason), strings.ToLower(c.mention)) {
			t.Errorf("%+v: chose %+v, %q", c.options, got, reason)
		}
	}
}

// The estimate for the cases that train the whole network is worded by the
// smallest class and the frozen accuracy, with the time it would take.
func TestWholeNetworkEstimate(t *testing.T) {
	for _, c := range []struct {
		best     float64
		smallest int
		minutes  float64
		mention  []string
	}{
		{0.9, 30, 0.4, []string{"unlikely", "up to a minute here", "30 pictures"}},
		{0.9, 30, 1.75, []string{"up to ten minutes"}},
		{0.8, 500, 23, []string{"may gain a few points", "up to half an hour"}},
		{0.8, 500, 55, []string{"up to an hour and a half"}},
		{0.97, 500, 130, []string{"little left to gain above 97%", "up to 3 hours"}},
	} {
		s := WholeNetworkEstimate(c.best, c.smallest, c.minutes)
		for _, m := range c.mention {
			if !strings.Contains(s, m) {
				t.Errorf("%+v: %q does not say %q", c, s, m)
			}
		}
	}
}
