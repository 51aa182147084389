package results

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/host"
	"transferlab/ui/store"
)

// runsView lists the project's runs at the top of the Results screen,
// newest first: Show makes one the current model (its results below, its
// charts on the Train screen, Try it uses it), ticked runs compare side by
// side, Delete removes one after asking.
type runsView struct {
	h       *host.Host
	s       *store.Store
	content *fyne.Container
	rows    *fyne.Container
	compare *widget.Button
	picked  map[int]bool // runs ticked for comparison, by index
}

func newRunsView(h *host.Host, s *store.Store) *runsView {
	v := &runsView{h: h, s: s, rows: container.NewVBox(), picked: map[int]bool{}}
	v.compare = widget.NewButtonWithIcon(lang.L("Compare the ticked runs"), theme.ListIcon(), v.showComparison)
	v.content = container.NewVBox(heading(lang.L("Runs")),
		caption(lang.L("Every training run of this project. Show one to see its results here and use it in Try it; tick two or more to compare them.")),
		v.rows, v.compare)
	// Indices shift when a run goes, and another project has other runs.
	s.On(store.Opened, v.forget)
	s.On(store.Runs, v.forget)
	return v
}

// forget unticks every run and lists them again.
func (v *runsView) forget() {
	clear(v.picked)
	v.refresh()
}

// refresh lists the runs again, marking the one shown.
func (v *runsView) refresh() {
	v.rows.RemoveAll()
	runs := v.s.Project().Runs()
	for i := len(runs) - 1; i >= 0; i-- {
		v.rows.Add(v.row(i))
	}
	v.updateCompare()
}

// row is run i's line: a tick to compare it, its summary, Show and Delete.
func (v *runsView) row(i int) fyne.CanvasObject {
	r := v.s.Project().Runs()[i]
	tick := widget.NewCheck("", func(on bool) {
		v.picked[i] = on
		v.updateCompare()
	})
	tick.Checked = v.picked[i]
	show := widget.NewButton(lang.L("Show"), func() { v.s.Choose(i) })
	if i == v.s.Current() {
		show.SetText(lang.L("Shown"))
		show.Disable()
	}
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { v.askDelete(i) })
	text := widget.NewLabel(runSummary(v.s, i, r))
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, tick, container.NewHBox(show, del), text)
}

// ticked returns the ticked runs' indices, oldest first.
func (v *runsView) ticked() []int {
	var out []int
	for i := range v.s.Project().Runs() {
		if v.picked[i] {
			out = append(out, i)
		}
	}
	return out
}

// updateCompare enables Compare once two runs are ticked.
func (v *runsView) updateCompare() {
	if len(v.ticked()) >= 2 {
		v.compare.Enable()
		return
	}
	v.compare.Disable()
}
