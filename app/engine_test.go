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
