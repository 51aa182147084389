package project

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// manualTimers records scheduled saves; the test fires them by hand, so
// debouncing is checked without sleeping.
type manualTimers struct {
	timers []*manualTimer
}

type manualTimer struct {
	delay   time.Duration
	f       func()
	stopped bool
}

func (m *manualTimer) Stop() bool {
	was := !m.stopped
	m.stopped = true
	return was
}

func (m *manualTimers) afterFunc(d time.Duration, f func()) Timer {
	t := &manualTimer{delay: d, f: f}
	m.timers = append(m.timers, t)
	return t
}

func (m *manualTimers) live() []*manualTimer {
	var out []*manualTimer
	for _, t := range m.timers {
		if !t.stopped {
			out = append(out, t)
		}
	}
	return out
}

func TestAutosaveDebounce(t *testing.T) {
	p := New()
	var timers manualTimers
	var saves []error
	a := NewAutosaver(p, 2*time.Second, timers.afterFunc, func(_ string, err error) { saves = append(saves, err) })
	path := filepath.Join(t.TempDir(), "p"+Extension)
	a.SetPath(path)
	p.SetOnChange(a.Changed)

	p.AddClass("cat")
	for i := 0; i < 5; i++ {
		p.AddImages("cat", []string{filepath.Join("/pics", string(rune('a'+i))+".jpg")})
	}
	if len(timers.timers) != 6 {
		t.Fatalf("scheduled %d timers, want 6 (one per change)", len(timers.timers))
	}
	live := timers.live()
	if len(live) != 1 || live[0] != timers.timers[5] {
		t.Fatalf("%d timers still live, want only the last one", len(live))
	}
	if live[0].delay != 2*time.Second {
		t.Errorf("delay = %v", live[0].delay)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("saved before the delay ran out (stat err %v)", err)
	}
	if !a.Pending() {
		t.Error("no pending change reported")
	}

	live[0].f()
	if len(saves) != 1 || saves[0] != nil {
		t.Fatalf("saves = %v, want one successful save", saves)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(q.ImagesOf("cat")); got != 5 {
		t.Errorf("saved project has %d cats, want 5", got)
	}
	if a.Pending() {
		t.Error("still pending after the save")
	}
	// A second flush with nothing new does not write again.
	a.Flush()
	if len(saves) != 1 {
		t.Errorf("saves = %d after an idle flush, want 1", len(saves))
	}
}

func TestAutosaveWaitsForAPath(t *testing.T) {
	p := New()
	var timers manualTimers
	a := NewAutosaver(p, time.Second, timers.afterFunc, nil)
	p.SetOnChange(a.Changed)
	p.AddClass("cat")
	if len(timers.timers) != 0 {
		t.Fatalf("scheduled a save with no path")
	}
	path := filepath.Join(t.TempDir(), "p"+Extension)
	a.SetPath(path)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatalf("change made before the path was set was not saved: %v", err)
	}
}

func TestAutosaveImmediateAndErrors(t *testing.T) {
	p := New()
	var got []string
	a := NewAutosaver(p, 0, nil, func(path string, err error) {
		if err != nil {
			got = append(got, "error: "+err.Error())
		} else {
			got = append(got, "saved")
		}
	})
	p.SetOnChange(a.Changed)
	a.SetPath(filepath.Join(t.TempDir(), "no-such-folder", "p"+Extension))
	p.AddClass("cat")
	if len(got) != 1 || !strings.Contains(got[0], "no-such-folder") {
		t.Fatalf("save into a missing folder reported %v", got)
	}
	if !a.Pending() {
		t.Error("failed save cleared the pending flag")
	}
	a.SetPath(filepath.Join(t.TempDir(), "p"+Extension))
	p.AddClass("dog")
	if len(got) != 2 || got[1] != "saved" {
		t.Errorf("reports = %v", got)
	}
}

// Real timers firing while the project changes: run with -race, this
// checks the locking; Close must leave the final state on disk.
func TestAutosaveConcurrentWithRealTimers(t *testing.T) {
	p := New()
	a := NewAutosaver(p, time.Microsecond, nil, nil)
	path := filepath.Join(t.TempDir(), "p"+Extension)
	a.SetPath(path)
	p.SetOnChange(a.Changed)
	p.AddClass("cat")
	for i := 0; i < 200; i++ {
		p.AddImages("cat", []string{filepath.Join("/pics", strconv.Itoa(i)+".jpg")})
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(q.ImagesOf("cat")); got != 200 {
		t.Errorf("saved %d pictures, want 200", got)
	}
}
