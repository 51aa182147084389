package pictures

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
)

// The demo's training choices: a network trained from scratch (case 4, so
// no pretrained weights are needed) on small pictures, so it finishes in a
// minute or two on a laptop.
const (
	demoNetwork   = "squeezenet1_1"
	demoCase      = cases.FromScratch
	demoImageSize = 64
)

// welcome is the panel an empty project shows: how to begin, and the demo.
type welcome struct {
	content fyne.CanvasObject
	demo    *widget.Button
}

func newWelcome(tryDemo func()) *welcome {
	w := &welcome{}
	text := widget.NewLabel(lang.L("The app draws 120 small pictures of circles, squares and triangles on this computer and " +
		"sets up a network to learn them from scratch (case 4), so nothing needs to be downloaded. " +
		"Look at the pictures, press Start on the Train screen (under a minute), and see the results. " +
		"From scratch on so few pictures the network learns little; with the pretrained weights (5 MB, " +
		"on the Model screen) case 1 does far better on the same pictures. Your own pictures come later: " +
		"drop their folders here."))
	text.Wrapping = fyne.TextWrapWord
	w.demo = widget.NewButtonWithIcon(lang.L("Try the demo"), theme.MediaPlayIcon(), tryDemo)
	w.demo.Importance = widget.HighImportance
	w.content = widget.NewCard(lang.L("New here? Try the demo first"), "", container.NewVBox(text, container.NewHBox(w.demo)))
	return w
}

// demoDir is where the demo's pictures go: the app's own folder in the
// user's cache, never beside the user's files.
func (d *Screen) demoFolder() string {
	if d.demoDir != "" {
		return d.demoDir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "TransferLab", "demo")
	}
	return filepath.Join(os.TempDir(), "TransferLab", "demo")
}

// tryDemo draws the demo pictures in a job, then adds them to the project
// as classes and chooses the demo's network, case and picture size.
// The Model screen hears of the new settings through the store.
func (d *Screen) tryDemo() {
	dir := d.demoFolder()
	p := d.s.Project()
	d.welcome.demo.Disable()
	d.h.SetStatus("Drawing the demo pictures into %s ...", dir)
	d.h.Run(func(ctx context.Context) {
		err := d.h.Engine.MakeDemo(ctx, dir)
		fyne.Do(func() {
			d.welcome.demo.Enable()
			if d.s.Project() != p {
				return // another project was opened meanwhile
			}
			if err != nil {
				d.h.SetStatus("Could not draw the demo pictures")
				d.h.ShowError(fmt.Errorf("demo pictures in %s: %w", dir, err))
				return
			}
			s := p.Settings()
			s.Network, s.Case, s.ImageSize = demoNetwork, demoCase, demoImageSize
			if err := d.s.SetSettings(s); err != nil {
				d.h.ShowError(err)
				return
			}
			d.Add([]string{dir})
		})
	})
}
