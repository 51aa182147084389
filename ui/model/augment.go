package model

import (
	"context"
	"fmt"
	"image"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/host"
	"transferlab/ui/project"
	"transferlab/ui/store"
)

// previewSamples is how many versions of the picture the strip shows.
const previewSamples = 6

// augmentPreview shows, for the cases that train the whole network (3 and
// 4), what the network will see of one picture while it trains: random
// versions drawn by the training's own code, with a switch per change
// (saved in the project's settings, so the next run uses them), "New
// samples" and "Another picture".
type augmentPreview struct {
	h    *host.Host
	s    *store.Store
	save func(project.Settings) error // the Model screen's setter

	content    *fyne.Container // hidden for the cases that do not augment
	caption    *widget.Label
	strip      *fyne.Container // previewSamples images
	crop, flip *widget.Check
	again      *widget.Button
	next       *widget.Button

	seed    int64
	pick    int    // which of the project's pictures
	shown   string // what the strip shows (request and visibility), to skip redrawing it
	gen     int    // ignores older drawings
	loading bool   // the checks are being set from the settings
}

func newAugmentPreview(h *host.Host, s *store.Store, save func(project.Settings) error) *augmentPreview {
	a := &augmentPreview{h: h, s: s, save: save, seed: 1}
	a.caption = widget.NewLabel("")
	a.caption.Wrapping = fyne.TextWrapWord
	a.strip = container.NewGridWrap(fyne.NewSquareSize(96))
	for range previewSamples {
		img := canvas.NewImageFromImage(nil)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(96))
		a.strip.Add(img)
	}
	a.crop = widget.NewCheck(lang.L("Random parts of the picture (crops)"), func(bool) { a.switched() })
	a.flip = widget.NewCheck(lang.L("Mirror images (left–right)"), func(bool) { a.switched() })
	a.again = widget.NewButton(lang.L("New samples"), func() {
		a.seed++
		a.refresh()
	})
	a.next = widget.NewButton(lang.L("Another picture"), func() {
		a.pick++
		a.refresh()
	})
	a.content = container.NewVBox(
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("What the network will see"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		a.caption, a.strip, container.NewHBox(a.crop, a.flip), container.NewHBox(a.again, a.next))
	for _, t := range []store.Topic{store.Opened, store.Pictures, store.Settings, store.Advice} {
		s.On(t, a.refresh)
	}
	a.refresh()
	return a
}

// pictures are the project's included, labelled pictures, class by class.
func (a *augmentPreview) pictures() []string {
	var all []string
	for _, c := range a.s.Labelled() {
		all = append(all, c.Images...)
	}
	return all
}

// refresh shows the strip for the current case, settings and picture, and
// draws it again when any of them changed.
func (a *augmentPreview) refresh() {
	set := a.s.Project().Settings()
	a.loading = true
	a.crop.SetChecked(!set.NoRandomCrop)
	a.flip.SetChecked(!set.NoFlip)
	a.loading = false
	pics := a.pictures()
	if !a.s.Case().TrainsBackbone() {
		a.content.Hide()
		a.shown = ""
		return
	}
	a.content.Show()
	if len(pics) == 0 {
		a.shown = ""
		a.caption.SetText(lang.L("Add pictures to see what the network will see of them while it trains."))
		a.strip.Hide()
		a.setEnabled(false)
		return
	}
	a.strip.Show()
	a.setEnabled(set.Augment)
	req := ui.AugmentPreviewRequest{
		Image: pics[a.pick%len(pics)], ImageSize: set.ImageSize, Seed: a.seed, N: previewSamples,
		NoRandomCrop: set.NoRandomCrop || !set.Augment, NoFlip: set.NoFlip || !set.Augment,
	}
	if key := fmt.Sprint(req); key != a.shown {
		a.shown = key
		a.draw(req, set.Augment)
	}
}

func (a *augmentPreview) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{a.crop, a.flip, a.again} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// switched saves the checks in the settings; the Settings listener draws
// the strip again.
func (a *augmentPreview) switched() {
	if a.loading {
		return
	}
	set := a.s.Project().Settings()
	set.NoRandomCrop, set.NoFlip = !a.crop.Checked, !a.flip.Checked
	a.save(set)
	a.refresh()
}

// draw asks the engine for the versions in a job and shows them.
func (a *augmentPreview) draw(req ui.AugmentPreviewRequest, augment bool) {
	a.gen++
	gen := a.gen
	name := filepath.Base(req.Image)
	a.caption.SetText(lang.L("Drawing what the network will see of {{.Name}}...", map[string]any{"Name": name}))
	a.h.Run(func(ctx context.Context) {
		imgs, err := a.h.Engine.AugmentPreview(ctx, req)
		fyne.Do(func() {
			if gen != a.gen {
				return
			}
			if err != nil {
				a.caption.SetText(lang.L("Could not draw the versions of {{.Name}}: {{.Err}}", map[string]any{"Name": name, "Err": err.Error()}))
				a.show(nil)
				return
			}
			a.caption.SetText(a.captionText(name, augment))
			a.show(imgs)
		})
	})
}

func (a *augmentPreview) captionText(name string, augment bool) string {
	if !augment {
		return lang.L("Varying the pictures is off (Advanced settings): the network sees {{.Name}} the same way every time.", map[string]any{"Name": name})
	}
	return lang.L("While it trains, the network sees each picture a little differently every time, so it learns the subject rather than the exact picture. Some versions of {{.Name}} it could see:", map[string]any{"Name": name})
}

func (a *augmentPreview) show(imgs []image.Image) {
	for i, o := range a.strip.Objects {
		img := o.(*canvas.Image)
		img.Image = nil
		if i < len(imgs) {
			img.Image = imgs[i]
		}
		img.Refresh()
	}
}

// Images are the pictures the strip shows (nil where none).
func (a *augmentPreview) Images() []image.Image {
	var out []image.Image
	for _, o := range a.strip.Objects {
		out = append(out, o.(*canvas.Image).Image)
	}
	return out
}
