package cases

import (
	"encoding/json"
	"strings"
	"testing"
)

// The recipes are the numbers training has always used; changing one
// changes every result, so it must be on purpose.
func TestRecipes(t *testing.T) {
	head := Recipe{Epochs: 300, Patience: 10, LR: 1e-3, Optimiser: Adam}
	tune := Recipe{Epochs: 15, Patience: 5, Batch: 16, LR: 1e-3, Optimiser: Momentum, Momentum: 0.9, BackboneLRScale: 0.1, KeepNormStatistics: true, Augment: true}
	scratch := Recipe{Epochs: 15, Patience: 5, Batch: 16, LR: 1e-3, Optimiser: Momentum, Momentum: 0.9, BackboneLRScale: 1, Augment: true}
	for c, want := range map[Case]Recipe{FrozenBackbone: head, CutBackbone: head, FineTune: tune, FromScratch: scratch, None: {}, 5: {}} {
		if got := c.Recipe(); got != want {
			t.Errorf("case %d: recipe %+v, want %+v", c, got, want)
		}
	}
}

func TestWhatEachCaseDoes(t *testing.T) {
	for _, c := range []struct {
		c                         Case
		pretrained, backbone, cut bool
	}{
		{FrozenBackbone, true, false, false},
		{CutBackbone, true, false, true},
		{FineTune, true, true, false},
		{FromScratch, false, true, false},
		{None, false, false, false},
	} {
		if c.c.NeedsPretrained() != c.pretrained || c.c.TrainsBackbone() != c.backbone || c.c.Cuts() != c.cut {
			t.Errorf("case %d: pretrained %v, backbone %v, cut %v", c.c, c.c.NeedsPretrained(), c.c.TrainsBackbone(), c.c.Cuts())
		}
	}
	for _, c := range All() {
		if c.Title() == "" || c.Explain() == "" || c.Short() == "" || c.Check() != nil {
			t.Errorf("case %d lacks words or is invalid", c)
		}
	}
}

func TestFittingFollowsTheDesignTable(t *testing.T) {
	want := map[[2]bool]Case{{false, true}: FrozenBackbone, {false, false}: CutBackbone, {true, true}: FineTune, {true, false}: FromScratch}
	for in, c := range want {
		if got := Fitting(in[0], in[1]); got != c {
			t.Errorf("many %v everyday %v: case %d, want %d", in[0], in[1], got, c)
		}
	}
}

func TestCheckNamesTheNumber(t *testing.T) {
	for _, c := range []Case{None, 5, -1} {
		if err := c.Check(); err == nil || !strings.Contains(err.Error(), "case must be 1, 2, 3 or 4") {
			t.Errorf("case %d: %v", c, err)
		}
	}
}

// Project and classifier files keep the number.
func TestOnTheWireACaseIsItsNumber(t *testing.T) {
	b, err := json.Marshal(struct {
		Case Case `json:"case"`
	}{FineTune})
	if err != nil || string(b) != `{"case":3}` {
		t.Fatalf("%s %v", b, err)
	}
	var back struct{ Case Case }
	if err := json.Unmarshal([]byte(`{"case":2}`), &back); err != nil || back.Case != CutBackbone {
		t.Fatalf("%+v %v", back, err)
	}
}

func TestPerGroupsEqualTexts(t *testing.T) {
	got := Per(func(c Case) string { return c.Recipe().BatchText() })
	if want := "all training pictures at once in cases 1 and 2, 16 in cases 3 and 4"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	g := GroupBy(func(c Case) string {
		if c.NeedsPretrained() {
			return "yes"
		}
		return ""
	})
	if len(g) != 1 || g[0].Label() != "cases 1, 2 and 3" {
		t.Errorf("groups %+v", g)
	}
	if l := (Group{Cases: []Case{FineTune}}).Label(); l != "case 3" {
		t.Errorf("one case: %q", l)
	}
}
