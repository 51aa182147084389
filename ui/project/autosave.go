package project

import (
	"sync"
	"time"
)

// Timer is the part of *time.Timer the autosaver uses; tests substitute a
// timer they fire by hand, so debounce tests need no sleeping.
type Timer interface {
	Stop() bool
}

// AfterFunc schedules f after d, like time.AfterFunc.
type AfterFunc func(d time.Duration, f func()) Timer

// Autosaver saves a project a short while after the last change: a burst
// of relabelling (pressing 2 on fifty pictures) becomes one write.
type Autosaver struct {
	project   *Project
	delay     time.Duration
	afterFunc AfterFunc
	onSaved   func(path string, err error)

	mu      sync.Mutex
	path    string
	timer   Timer
	pending bool
}

// NewAutosaver returns an autosaver for p. delay <= 0 saves at once on every
// change. afterFunc nil means time.AfterFunc. onSaved (may be nil) is told
// about every save and its error, from whichever goroutine saved.
func NewAutosaver(p *Project, delay time.Duration, afterFunc AfterFunc, onSaved func(path string, err error)) *Autosaver {
	if afterFunc == nil {
		afterFunc = func(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
	}
	return &Autosaver{project: p, delay: delay, afterFunc: afterFunc, onSaved: onSaved}
}

// SetPath sets where the project is saved; "" turns saving off (a project
// that has never been saved has nowhere to go yet).
func (a *Autosaver) SetPath(path string) {
	a.mu.Lock()
	a.path = path
	a.mu.Unlock()
}

// Path returns the current save location.
func (a *Autosaver) Path() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.path
}

// Pending reports whether a change is waiting to be saved.
func (a *Autosaver) Pending() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pending
}

// Changed records a change and (re)starts the delay: only the last change
// of a burst triggers a save.
func (a *Autosaver) Changed() {
	a.mu.Lock()
	a.pending = true
	if a.path == "" {
		a.mu.Unlock()
		return
	}
	if a.delay <= 0 {
		a.mu.Unlock()
		a.Flush()
		return
	}
	if a.timer != nil {
		a.timer.Stop()
	}
	a.timer = a.afterFunc(a.delay, func() { a.Flush() })
	a.mu.Unlock()
}

// Flush saves now if a change is pending and there is a path; it returns
// the save error. Saving is serialised by the lock so two flushes never
// write at once.
func (a *Autosaver) Flush() error {
	a.mu.Lock()
	if !a.pending || a.path == "" {
		a.mu.Unlock()
		return nil
	}
	if a.timer != nil {
		a.timer.Stop()
		a.timer = nil
	}
	path := a.path
	err := a.project.Save(path)
	if err == nil {
		a.pending = false
	}
	a.mu.Unlock()
	// Outside the lock: the callback may ask the autosaver about its state.
	if a.onSaved != nil {
		a.onSaved(path, err)
	}
	return err
}

// Close stops the timer and saves whatever is pending.
func (a *Autosaver) Close() error {
	return a.Flush()
}
