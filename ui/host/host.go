// Package host is what the window lends each screen: the window itself (the
// parent of dialogs), the engine, the status bar, error dialogs, moving to
// another screen, and a way to run engine jobs off the UI goroutine for as
// long as the app lives. Screens get it instead of a pointer to the window,
// so they cannot reach into each other.
package host

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/camera"
)

// Launcher starts a job. The app passes a goroutine launcher; tests pass
// one that runs the job inline so they stay synchronous and race-free.
type Launcher func(job func())

// Screen names one of the window's screens, in tab order.
type Screen int

// The screens, in the order of the work.
const (
	Pictures Screen = iota
	Model
	Train
	Results
	Try
)

// Host is the window's side of every screen.
type Host struct {
	Win    fyne.Window
	Engine ui.Engine
	// Ctx ends when the window closes, stopping every job still running.
	Ctx    context.Context
	Launch Launcher
	Now    func() time.Time // the clock of "time left" estimates
	// StatusBar shows a one-line message below the screens.
	StatusBar func(text string)
	// Select shows another screen.
	Select func(Screen)
	// Prefs keeps the folders used last in choosers; nil keeps nothing.
	Prefs fyne.Preferences
	// Cameras are the computer's cameras (the app: camera.System(); tests:
	// a camera.Shelf of pictures).
	Cameras camera.Lister
}

// SetStatus shows a formatted one-line message in the status bar, in the
// user's language: format is the English text, the key of its translation
// (whose %s and %d come in the same order).
func (h *Host) SetStatus(format string, args ...any) {
	h.StatusBar(fmt.Sprintf(lang.L(format), args...))
}

// ShowError shows err in a dialog as a plain sentence (see Plain), with
// the technical text one click away under "Details" for whoever helps;
// safe from any goroutine. A cancelled job is the user's own doing, not an
// error to show.
func (h *Host) ShowError(err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	fyne.Do(func() {
		message := widget.NewLabel(Plain(err))
		message.Wrapping = fyne.TextWrapWord
		detail := widget.NewLabel(err.Error())
		detail.Wrapping = fyne.TextWrapBreak
		detail.Selectable = true // to copy into an e-mail
		details := widget.NewAccordion(widget.NewAccordionItem(lang.L("Details"), detail))
		d := dialog.NewCustom(lang.L("That did not work"), lang.L("Close"), container.NewVBox(message, details), h.Win)
		d.Resize(h.DialogSize(fyne.NewSize(560, 0)))
		d.Show()
	})
}

// Show moves to screen s.
func (h *Host) Show(s Screen) { h.Select(s) }

// Run starts job through the launcher with the app's lifetime context.
func (h *Host) Run(job func(ctx context.Context)) {
	ctx := h.Ctx
	h.Launch(func() { job(ctx) })
}

// DialogSize is want, shrunk to fit inside the window with a margin, so a
// dialog never runs off a small screen.
func (h *Host) DialogSize(want fyne.Size) fyne.Size {
	have := h.Win.Canvas().Size()
	return fyne.NewSize(min(want.Width, have.Width*0.92), min(want.Height, have.Height*0.92))
}
