// Package app wires TransferLab together: it creates the Fyne application,
// the engine and the user interface. Nothing else lives here.
package app

import (
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"transferlab/ui/window"
)

// ID is the application ID under which Fyne stores preferences.
const ID = "org.transferlab.app"

// Run opens the main window on the project used last and blocks until it
// is closed.
func Run() {
	eng, err := NewEngine()
	if err != nil {
		fmt.Fprintln(os.Stderr, "transferlab:", err)
		os.Exit(1)
	}
	a := fyneapp.NewWithID(ID)
	window.New(a, eng, window.WithReopenLast()).Window().ShowAndRun()
}
