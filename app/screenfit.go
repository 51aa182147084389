//go:build !ci

package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// titleBarPixels is room left for the window's title bar, which the
// display's work area (the screen less the task bar) still includes.
const titleBarPixels = 40

// smallDisplay is the widest work area, in Fyne's units, that the window
// fills whole: on a 1366×768 laptop the default 1100 units leave the
// Results screen scrolling sideways at 150 % text.
const smallDisplay = 1440

// fitToScreen fits w to the display once the app has started: it fills a
// small display's work area and shrinks to fit any other:
// Fyne sizes windows in its own units, and a school laptop of 1366×768
// pixels set to 150 % is only about 910×470 of them. Fyne has no call for
// the display's size, so this asks GLFW, which Fyne's desktop driver runs
// on, from the main thread where the started callback runs.
func fitToScreen(a fyne.App, w fyne.Window) {
	if runtime.GOOS == "darwin" {
		return // macOS keeps windows on screen itself, in points, not pixels
	}
	a.Lifecycle().SetOnStarted(func() {
		mon := glfw.GetPrimaryMonitor()
		if mon == nil {
			return
		}
		_, _, width, height := mon.GetWorkarea()
		scale := w.Canvas().Scale()
		if width <= 0 || height <= 0 || scale <= 0 {
			return
		}
		room := fyne.NewSize(float32(width)/scale, float32(height-titleBarPixels)/scale)
		want := w.Canvas().Size()
		if room.Width <= smallDisplay {
			w.Resize(room) // a laptop's screen: every unit counts at large text
			return
		}
		if want.Width > room.Width || want.Height > room.Height {
			w.Resize(fyne.NewSize(min(want.Width, room.Width), min(want.Height, room.Height)))
		}
	})
}
