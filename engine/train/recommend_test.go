package train

import (
	"strings"
	"testing"
)

func TestRecommend(t *testing.T) {
	for _, c := range []struct {
		n        int
		likeness float64
		want     int
		mention  string
	}{
		{30, 0.6, 1, "everyday"},
		{30, 0.1, 2, "unusual"},
		{1000, 0.6, 3, "enough"},
		{1000, 0.1, 4, "unusual"},
		{30, -1, 1, "could not check"},
	} {
		a := Recommend(c.n, c.likeness)
		if a.Case != c.want || !strings.Contains(a.Reason, c.mention) || !strings.HasPrefix(a.Reason, "Your smallest class") {
			t.Errorf("%d images, likeness %v: %+v, want case %d mentioning %q", c.n, c.likeness, a, c.want, c.mention)
		}
	}
}
