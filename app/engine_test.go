//go:build ci

package app

import (
	"errors"
	"strings"
	"testing"
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
