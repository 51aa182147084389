package results

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/chart"
	"transferlab/ui/project"
	"transferlab/ui/store"
	"transferlab/ui/words"
)

// showComparison opens the ticked runs side by side.
func (v *runsView) showComparison() { v.openComparison(lang.L("Runs side by side")) }

// openComparison opens the ticked runs side by side under title, below
// the objects in top.
func (v *runsView) openComparison(title string, top ...fyne.CanvasObject) {
	runs, picked := v.s.Project().Runs(), v.ticked()
	if len(picked) < 2 {
		return
	}
	// The words above the table wrap at the dialog's width; the table,
	// wider with many runs, scrolls below them.
	table := container.NewScroll(container.NewVBox(comparisonTable(v.s, runs, picked), accuracyCurves(runs, picked)))
	body := container.NewBorder(container.NewVBox(top...), nil, nil, nil, table)
	d := dialog.NewCustom(title, lang.L("Close"), body, v.h.Win)
	d.Resize(v.h.DialogSize(fyne.NewSize(980, 680)))
	d.Show()
}

// comparisonTable has one column per run and one row per figure: what was
// trained, how well overall and per class, how long it took.
func comparisonTable(s *store.Store, runs []project.Run, picked []int) fyne.CanvasObject {
	// One grid per row: the columns line up (equal widths) while each row
	// is only as tall as its own longest cell.
	g := container.NewVBox()
	row := func(name string, cell func(project.Run) string) {
		r := container.NewGridWithColumns(len(picked)+1, wrapped(name, fyne.TextStyle{Bold: true}))
		for _, i := range picked {
			l := widget.NewLabel(cell(runs[i]))
			l.Wrapping = fyne.TextWrapWord
			r.Add(l)
		}
		g.Add(r)
	}
	head := container.NewGridWithColumns(len(picked)+1, widget.NewLabel(""))
	for _, i := range picked {
		head.Add(boldLabel(runName(i)))
	}
	g.Add(head)
	row(lang.L("Network and case"), func(r project.Run) string {
		return lang.L("{{.Network}}, case {{.Case}}", map[string]any{"Network": networkTitle(s, r.Network), "Case": int(r.Case)})
	})
	row(lang.L("Settings"), func(r project.Run) string { return settingsText(r.Settings) })
	row(lang.L("Accuracy"), func(r project.Run) string { return words.Percent(r.Result.ValAccuracy) })
	if slices.ContainsFunc(picked, func(i int) bool { return runs[i].Result.Test != nil }) {
		row(lang.L("Accuracy on held-out test pictures"), func(r project.Run) string {
			if r.Result.Test == nil {
				return lang.L("no test share")
			}
			return words.Percent(r.Result.Test.Accuracy)
		})
	}
	row(lang.L("Epochs"), epochsText)
	row(lang.L("Training time"), func(r project.Run) string { return durationText(seconds(r)) })
	row(lang.L("Trained on"), func(r project.Run) string { return r.Result.Device })
	for _, c := range classUnion(runs, picked) {
		class := map[string]any{"Class": c}
		row(lang.L("{{.Class}}: its pictures recognised", class), func(r project.Run) string { return classFigure(r, c, r.Result.Recall) })
		row(lang.L("{{.Class}}: answers that were right", class), func(r project.Run) string { return classFigure(r, c, r.Result.Precision) })
	}
	return g
}

// classUnion lists the classes of the picked runs, in first-seen order:
// runs made before a class was added or renamed lack some.
func classUnion(runs []project.Run, picked []int) []string {
	var out []string
	for _, i := range picked {
		for _, c := range runs[i].Result.Classes {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// classFigure is a per-class figure of r for class c; "-" when r did not
// have the class.
func classFigure(r project.Run, c string, figures []float64) string {
	i := slices.Index(r.Result.Classes, c)
	if i < 0 || i >= len(figures) {
		return "-"
	}
	return words.Percent(figures[i])
}

// durationText says a training time in seconds or minutes.
func durationText(s float64) string {
	if s < 120 {
		return lang.L("{{.V}} s", value(fmt.Sprintf("%.0f", s)))
	}
	return lang.L("{{.V}} min", value(fmt.Sprintf("%.1f", s/60)))
}

// accuracyCurves overlays the picked runs' validation accuracy, epoch by
// epoch, on one chart.
func accuracyCurves(runs []project.Run, picked []int) *chart.Line {
	var names []string
	for _, i := range picked {
		names = append(names, runName(i))
	}
	c := chart.NewLine(lang.L("Validation accuracy by epoch"), func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) }, names...)
	c.SetYRange(0, 1)
	for k, i := range picked {
		for _, e := range runs[i].Result.History {
			c.Append(k, e.ValAcc)
		}
	}
	return c
}
