// Package uithread stands in for the GL driver's main thread in headless
// UI tests (package ui's own and those that drive the app from outside).
package uithread

import "sync"

// Thread runs every job on a goroutine of its own, as the app's production
// launcher does, but one at a time and never during a Do: the test driver
// runs fyne.Do inline, so this serialisation is what the real driver gives
// the app, and the race detector then checks the real hand-offs (job
// goroutines, engine callbacks) without false alarms.
type Thread struct {
	mu   sync.Mutex
	jobs sync.WaitGroup
}

// Launch is a ui.Launcher.
func (th *Thread) Launch(job func()) {
	th.jobs.Add(1)
	go func() {
		defer th.jobs.Done()
		th.mu.Lock()
		defer th.mu.Unlock()
		job()
	}()
}

// Do runs a user action on "the UI thread", then waits for every job it
// started, and the jobs those started, to finish.
func (th *Thread) Do(action func()) {
	th.mu.Lock()
	action()
	th.mu.Unlock()
	th.Wait()
}

// Wait waits until no job is running or waiting.
func (th *Thread) Wait() { th.jobs.Wait() }
