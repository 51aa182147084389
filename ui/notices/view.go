package notices

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// View shows a notice as icon + "Level: text", with its details
// (e.g. each unreadable file and why) folded below.
func View(n Notice) fyne.CanvasObject {
	icon := theme.InfoIcon()
	importance := widget.MediumImportance
	switch n.Level {
	case Warning:
		icon, importance = theme.WarningIcon(), widget.WarningImportance
	case Problem:
		icon, importance = theme.ErrorIcon(), widget.DangerImportance
	}
	text := widget.NewLabel(n.Level.String() + ": " + n.Text)
	text.Wrapping = fyne.TextWrapWord
	text.Importance = importance
	row := container.NewBorder(nil, nil, widget.NewIcon(icon), nil, text)
	if len(n.Details) == 0 {
		return row
	}
	details := widget.NewLabel(strings.Join(n.Details, "\n"))
	details.Wrapping = fyne.TextWrapWord
	details.Selectable = true
	acc := widget.NewAccordion(widget.NewAccordionItem("Show the files", details))
	return container.NewVBox(row, acc)
}
