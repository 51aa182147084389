package results

import (
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/heatmap"
)

// lookedButton opens the picture with the heatmap of the model's answer:
// which parts made it say so (a wrong answer often shows why).
func (r *Screen) lookedButton(classes []string, p ui.ImagePrediction) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("What it looked at"), theme.VisibilityIcon(), func() { r.showLooked(classes, p) })
	b.Importance = widget.LowImportance
	return b
}

// showLooked opens a dialog with the picture, its heatmap switched on.
func (r *Screen) showLooked(classes []string, p ui.ImagePrediction) {
	pic := heatmap.New(r.h, 320)
	pic.Set(p.Path, r.res.ClassifierPath, p.Predicted)
	title := lang.L("{{.Name}}: the model said {{.Class}}", map[string]any{"Name": filepath.Base(p.Path), "Class": className(classes, p.Predicted)})
	dialog.NewCustom(title, lang.L("Close"), pic, r.h.Win).Show()
	pic.Toggle().SetChecked(true)
}
