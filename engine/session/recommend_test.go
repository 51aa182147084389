package session

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
)

func TestSpreadPicksEvenly(t *testing.T) {
	xs := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	if got := spread(xs, 5); strings.Join(got, "") != "acegi" {
		t.Errorf("spread(10, 5) = %v", got)
	}
	if got := spread(xs[:3], 5); len(got) != 3 {
		t.Errorf("spread(3, 5) = %v, want all 3", got)
	}
	if got := spread(xs, 1); len(got) != 4 {
		t.Errorf("spread(10, 1) = %v, want at least 4", got)
	}
}

// Too few pictures to cross-validate: the advice is the rule of thumb, with
// the familiarity still measured, and says why.
func TestRecommendWithTooFewPicturesIsTheRule(t *testing.T) {
	s := open(t)
	classes := collect(t, s, "datasets/catsdogs-60")
	for i := range classes {
		classes[i].Files = classes[i].Files[:4]
	}
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	a, err := s.Recommend(context.Background(), "squeezenet1_1", pth, classes, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Sampled != 8 || len(a.Measured) != 0 || a.ImageNetLike < 0.3 || a.Case != cases.FrozenBackbone ||
		!strings.Contains(a.Reason, "With only 8 readable pictures the cases cannot be measured (it takes 10)") {
		t.Errorf("advice %+v", a)
	}
}

// On enough pictures the advice rests on the measurement: case 1 and both
// of SqueezeNet's cuts, the chosen one named in the reason with its figure.
func TestRecommendMeasuresEveryFrozenOption(t *testing.T) {
	s := open(t)
	classes := collect(t, s, "datasets/catsdogs-60")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	a, err := s.Recommend(context.Background(), "squeezenet1_1", pth, classes, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Measured) != 3 || a.Measured[0].Case != cases.FrozenBackbone || a.Measured[1].Cut != "features.8" ||
		a.Measured[2].Cut != "features.5" || a.WholeNetworkMinutes <= 0 {
		t.Fatalf("measured %+v, %v minutes", a.Measured, a.WholeNetworkMinutes)
	}
	chosen := a.Measured[0]
	if a.Case == cases.CutBackbone {
		chosen = a.Measured[1]
		if a.Measured[2].Accuracy > chosen.Accuracy {
			chosen = a.Measured[2]
		}
	}
	if chosen.Cut != a.Cut || !strings.Contains(a.Reason, fmt.Sprintf("%.0f%% (± %.0f)", 100*chosen.Accuracy, 100*chosen.Spread)) {
		t.Errorf("advice case %d cut %q, reason %q, measured %+v", a.Case, a.Cut, a.Reason, a.Measured)
	}
}
