package uiengine

import (
	"errors"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/ui"
)

func TestCaughtTurnsAPanicIntoAnError(t *testing.T) {
	f := func() (err error) {
		defer caught("training", &err)
		var m map[string]int
		m["x"] = 1 // panics
		return nil
	}
	err := f()
	if err == nil || !strings.Contains(err.Error(), "training stopped on an internal error") {
		t.Errorf("err = %v", err)
	}
	g := func() (err error) {
		defer caught("training", &err)
		return errors.New("plain")
	}
	if err := g(); err == nil || err.Error() != "plain" {
		t.Errorf("an ordinary error changed: %v", err)
	}
}

// TestCheckTrainingIsTheEnginesRuleInPlainWords: the Train screen shows
// the engine's own refusal, without the engine's package prefix.
func TestCheckTrainingIsTheEnginesRuleInPlainWords(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	req := ui.TrainRequest{Network: "alexnet", Case: cases.FromScratch, ValShare: 0.2, ImageSize: 40, Seed: 1}
	err = e.CheckTraining(req)
	if err == nil || !strings.HasPrefix(err.Error(), "picture size 40 is too small for alexnet") {
		t.Errorf("alexnet at 40 pixels: %v", err)
	}
	req.ImageSize = 0
	if err := e.CheckTraining(req); err != nil {
		t.Errorf("alexnet at its own size: %v", err)
	}
}
