// Package app wires TransferLab together: it creates the Fyne application,
// the engine and the user interface. Nothing else lives here.
package app

import (
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"transferlab/app/uiengine"
	"transferlab/ui/camera"
	"transferlab/ui/language"
	"transferlab/ui/window"
)

// ID is the application ID under which Fyne stores preferences.
const ID = "org.transferlab.app"

// Engine is the engine the window talks to (package uiengine, which the
// command line shares); the name stays here for the programs that build
// the window themselves (the app's tests, scripts/screenshots).
type Engine = uiengine.Engine

// NewEngine opens the engine on the user's cache folder.
func NewEngine() (*Engine, error) { return uiengine.New() }

// Run opens the main window on the project used last and blocks until it
// is closed.
func Run() {
	eng, err := NewEngine()
	if err != nil {
		fmt.Fprintln(os.Stderr, "transferlab:", err)
		os.Exit(1)
	}
	a := fyneapp.NewWithID(ID)
	if err := language.Install(a.Preferences()); err != nil {
		fmt.Fprintln(os.Stderr, "transferlab:", err) // the window then speaks English
	}
	w := window.New(a, eng, window.WithReopenLast(), window.WithCameras(camera.System())).Window()
	fitToScreen(a, w)
	w.ShowAndRun()
}
