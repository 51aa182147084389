// Package session is the engine's one front door: the desktop app
// (app/uiengine) and the command line (cmd/transferlab) both do their work
// through a Session, so they open weights with the same checks, recommend
// the same case from the same sample, and train, classify and evaluate the
// same way. The front ends only translate: flags and printing on one side,
// the screens' types on the other.
//
// Calls are synchronous, take a context for cancellation and report
// progress through a callback (nil for none). The package never imports
// Fyne.
package session
