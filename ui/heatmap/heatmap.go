// Package heatmap is a picture that can show what the model looked at: a
// "Show what it looked at" switch under it asks the engine for the
// picture's Grad-CAM heatmap (off the UI goroutine, with a spinner) and
// shows it drawn over the picture as the model saw it. Try it and the
// Results pictures use it.
package heatmap

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/host"
)

// Picture shows one picture file and, switched on, its heatmap.
type Picture struct {
	widget.BaseWidget
	h *host.Host

	image  *canvas.Image
	toggle *widget.Check
	busy   *widget.Activity
	note   *widget.Label
	under  *fyne.Container // the switch, the spinner and the note
	body   fyne.CanvasObject

	path, classifier string
	class            int
	heat             *ui.Heatmap // the current picture's, once computed
	gen              int         // ignores heatmaps of older pictures
}

// New makes an empty picture at least size points square.
func New(h *host.Host, size float32) *Picture {
	p := &Picture{h: h}
	p.image = canvas.NewImageFromImage(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.SetMinSize(fyne.NewSquareSize(size))
	p.toggle = widget.NewCheck(lang.L("Show what it looked at"), p.switched)
	p.toggle.Disable()
	p.busy = widget.NewActivity()
	p.busy.Hide()
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	p.note.Hide()
	p.under = container.NewVBox(container.NewHBox(p.toggle, p.busy), p.note)
	p.body = container.NewBorder(nil, p.under, nil, nil, p.image)
	p.ExtendBaseWidget(p)
	return p
}

func (p *Picture) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(p.body) }

// Set shows the picture at path, to be explained with the classifier file
// for class (< 0: the model's top answer). A switch left on explains the
// new picture at once.
func (p *Picture) Set(path, classifier string, class int) {
	p.gen++
	p.path, p.classifier, p.class, p.heat = path, classifier, class, nil
	p.toggle.Enable()
	p.stopBusy() // an older picture's job may still run; its answer is ignored
	p.show()
	if p.toggle.Checked {
		p.explain()
	}
}

// Clear empties the picture and disables the switch.
func (p *Picture) Clear() {
	p.gen++
	p.path, p.classifier, p.heat = "", "", nil
	p.toggle.Disable()
	p.stopBusy()
	p.show()
}

// File is the picture shown ("" for none).
func (p *Picture) File() string { return p.path }

// Showing says whether the heatmap is on screen.
func (p *Picture) Showing() bool { return p.toggle.Checked && p.heat != nil }

// Note is the sentence under the picture ("" when none is shown).
func (p *Picture) Note() string {
	if !p.note.Visible() {
		return ""
	}
	return p.note.Text
}

// Overlay is the heatmap drawn over the picture as the model saw it; nil
// until one was computed.
func (p *Picture) Overlay() image.Image {
	if p.heat == nil {
		return nil
	}
	return p.heat.Overlay
}

// Toggle is the "Show what it looked at" switch.
func (p *Picture) Toggle() *widget.Check { return p.toggle }

func (p *Picture) switched(on bool) {
	if on && p.heat == nil && p.path != "" {
		p.explain()
		return
	}
	p.show()
}

// explain asks the engine for the current picture's heatmap in a job.
func (p *Picture) explain() {
	gen, path, classifier, class := p.gen, p.path, p.classifier, p.class
	p.busy.Show()
	p.busy.Start()
	p.setNote(lang.L("Working out where the model looked..."))
	p.h.Run(func(ctx context.Context) {
		heat, err := p.h.Engine.Explain(ctx, classifier, path, class)
		fyne.Do(func() {
			if gen != p.gen {
				return
			}
			p.stopBusy()
			if err != nil {
				p.toggle.SetChecked(false)
				p.setNote(lang.L("Could not work out where the model looked: {{.Err}}", map[string]any{"Err": err.Error()}))
				return
			}
			p.heat = &heat
			p.show()
		})
	})
}

// show draws the plain picture, or the heatmap when it is switched on and
// known.
func (p *Picture) show() {
	switch {
	case p.path == "":
		p.image.File, p.image.Image = "", nil
		p.setNote("")
	case p.Showing():
		p.image.File, p.image.Image = "", p.heat.Overlay
		p.setNote(p.explanation())
	default:
		p.image.File, p.image.Image = p.path, nil
		if !p.busy.Visible() {
			p.setNote("")
		}
	}
	p.image.Refresh()
}

// explanation says in words what the heatmap shows.
func (p *Picture) explanation() string {
	label := map[string]any{"Label": p.heat.Label}
	for _, v := range p.heat.Values {
		if v > 0 {
			return lang.L("The coloured parts made the model say “{{.Label}}”, the red ones most. The picture is shown as the model saw it, cut to a square.", label)
		}
	}
	return lang.L("No part of the picture stood out: the model said “{{.Label}}” from the picture as a whole.", label)
}

func (p *Picture) setNote(text string) {
	p.note.SetText(text)
	if text == "" {
		p.note.Hide()
	} else {
		p.note.Show()
	}
	p.under.Refresh() // lay the note out again: it may have appeared or changed height
	p.Refresh()
}

func (p *Picture) stopBusy() {
	p.busy.Stop()
	p.busy.Hide()
}
