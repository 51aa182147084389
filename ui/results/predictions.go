package results

import (
	"image"
	"image/color"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/words"
)

// confidence is the probability the model gave its own answer.
func confidence(p ui.ImagePrediction) float64 {
	if p.Predicted >= 0 && p.Predicted < len(p.Probs) {
		return p.Probs[p.Predicted]
	}
	return 0
}

// className returns classes[i], or a placeholder for a bad index.
func className(classes []string, i int) string {
	if i >= 0 && i < len(classes) {
		return classes[i]
	}
	return lang.L("class #{{.N}}", map[string]any{"N": i})
}

// thumbImage is a fixed-size thumbnail filled in when decoded.
func (r *Screen) thumbImage(path string, size float32) *canvas.Image {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(size))
	r.thumbs.Get(path, func(i image.Image, err error) {
		if err != nil {
			img.Resource = theme.BrokenImageIcon()
		}
		img.Image = i
		img.Refresh()
	})
	return img
}

// predictionCard shows one validation picture with the model's answer. A
// right answer has a tick icon, the word "Right" and a green tint; a wrong
// one a cross, "Wrong" and a red tint, so it reads without colour.
func (r *Screen) predictionCard(classes []string, p ui.ImagePrediction) fyne.CanvasObject {
	right := p.True == p.Predicted
	verdict, icon, tint := lang.L("Wrong"), theme.CancelIcon(), theme.Color(theme.ColorNameError)
	if right {
		verdict, icon, tint = lang.L("Right"), theme.ConfirmIcon(), theme.Color(theme.ColorNameSuccess)
	}
	red, green, blue, _ := tint.RGBA()
	bg := canvas.NewRectangle(colorWithAlpha(red, green, blue, 0x30))
	bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
	said := widget.NewLabelWithStyle(lang.L("{{.Verdict}}: {{.Class}}", map[string]any{"Verdict": verdict, "Class": className(classes, p.Predicted)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	said.Truncation = fyne.TextTruncateEllipsis
	truth := widget.NewLabel(lang.L("labelled {{.Class}}", map[string]any{"Class": className(classes, p.True)}))
	truth.Truncation = fyne.TextTruncateEllipsis
	conf := widget.NewLabel(lang.L("confidence {{.Percent}}", map[string]any{"Percent": words.Percent(confidence(p))}))
	body := container.NewVBox(r.thumbImage(p.Path, 96), container.NewBorder(nil, nil, widget.NewIcon(icon), nil, said), truth, conf, r.lookedButton(classes, p))
	return container.NewStack(bg, container.NewPadded(body))
}

// predictionRow is a picture with the model's answer and, when the answer
// is wrong, a one-click "Relabel as <answer>" (the label is often what is
// wrong); when it is right, a "Relabel as..." choice of the other classes
// (both agree, yet both can be wrong); and "Exclude".
func (r *Screen) predictionRow(classes []string, p ui.ImagePrediction) fyne.CanvasObject {
	text := widget.NewLabel(lang.L("{{.File}}: labelled {{.Label}}, the model says {{.Answer}} ({{.Percent}})",
		map[string]any{"File": filepath.Base(p.Path), "Label": className(classes, p.True),
			"Answer": className(classes, p.Predicted), "Percent": words.Percent(confidence(p))}))
	text.Wrapping = fyne.TextWrapWord
	buttons := []fyne.CanvasObject{r.lookedButton(classes, p)}
	if p.True != p.Predicted {
		target := className(classes, p.Predicted)
		var relabel *widget.Button
		relabel = widget.NewButton(lang.L("Relabel as {{.Class}}", map[string]any{"Class": target}), func() {
			if r.relabel(p.Path, target) {
				relabel.SetText(lang.L("Relabelled as {{.Class}}", map[string]any{"Class": target}))
				relabel.Disable()
			}
		})
		buttons = append(buttons, relabel)
	} else if others := otherClasses(classes, p.True); len(others) > 0 {
		var choose *widget.Select
		choose = widget.NewSelect(others, func(target string) {
			if target != "" && r.relabel(p.Path, target) {
				choose.PlaceHolder = lang.L("Relabelled as {{.Class}}", map[string]any{"Class": target})
				choose.ClearSelected()
				choose.Disable()
			}
		})
		choose.PlaceHolder = lang.L("Relabel as...")
		buttons = append(buttons, choose)
	}
	var exclude *widget.Button
	exclude = widget.NewButton(lang.L("Exclude"), func() {
		if r.exclude(p.Path) {
			exclude.SetText(lang.L("Excluded"))
			exclude.Disable()
		}
	})
	buttons = append(buttons, exclude)
	return container.NewBorder(nil, nil, r.thumbImage(p.Path, 64), container.NewHBox(buttons...), text)
}

// otherClasses are the classes but classes[i], in order.
func otherClasses(classes []string, i int) []string {
	var out []string
	for j, c := range classes {
		if j != i {
			out = append(out, c)
		}
	}
	return out
}

// relabel gives one picture a new class from the results; it reports
// success. Only the project changes, never the file.
func (r *Screen) relabel(path, class string) bool {
	if err := r.s.Project().SetLabel(class, path); err != nil { // the Pictures screen follows
		r.h.ShowError(err)
		return false
	}
	r.h.SetStatus("%s", lang.L("{{.File}} is now labelled \"{{.Class}}\"; train again to use the new label",
		map[string]any{"File": filepath.Base(path), "Class": class}))
	return true
}

// exclude leaves one picture out of future training.
func (r *Screen) exclude(path string) bool {
	if err := r.s.Project().SetExcluded(true, path); err != nil { // the Pictures screen follows
		r.h.ShowError(err)
		return false
	}
	r.h.SetStatus("%s", lang.L("{{.File}} excluded (the file is kept)", map[string]any{"File": filepath.Base(path)}))
	return true
}

// colorWithAlpha turns 16-bit premultiplied RGBA() components of an opaque
// colour into an NRGBA with alpha a.
func colorWithAlpha(r, g, b uint32, a uint8) color.NRGBA {
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}
