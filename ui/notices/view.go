package notices

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shownDetails is how many detail lines are shown as they are; more are
// folded, so a long list does not push the screen's pictures away.
const shownDetails = 3

// View shows a notice as icon + "Level: text", with its details (e.g. each
// unreadable file and why) below: shown when there are a few, folded
// when there are more.
func View(n Notice) fyne.CanvasObject {
	icon := theme.InfoIcon()
	importance := widget.MediumImportance
	switch n.Level {
	case Warning:
		icon, importance = theme.WarningIcon(), widget.WarningImportance
	case Problem:
		icon, importance = theme.ErrorIcon(), widget.DangerImportance
	}
	text := widget.NewLabel(lang.L("{{.Level}}: {{.Text}}", map[string]any{"Level": n.Level.String(), "Text": n.Text}))
	text.Wrapping = fyne.TextWrapWord
	text.Importance = importance
	row := container.NewBorder(nil, nil, widget.NewIcon(icon), nil, text)
	if len(n.Details) == 0 {
		return row
	}
	details := widget.NewLabel(strings.Join(n.Details, "\n"))
	details.Wrapping = fyne.TextWrapWord
	details.Selectable = true
	if len(n.Details) <= shownDetails {
		return container.NewVBox(row, details)
	}
	acc := widget.NewAccordion(widget.NewAccordionItem(lang.L("Show the files"), details))
	return container.NewVBox(row, acc)
}
