//go:build ci

package app

import "fyne.io/fyne/v2"

// fitToScreen does nothing in headless builds: there is no display.
func fitToScreen(fyne.App, fyne.Window) {}
