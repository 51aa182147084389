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
