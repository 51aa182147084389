package pictures

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/project"
)

// showReview lists the labelled pictures worth a second look from the
// latest round: those whose neighbours say another class (with a button
// to move them there) and near-identical pictures in different classes.
// A picture the user has relabelled or excluded since is no longer listed.
func (sp *suggestPanel) showReview() {
	if sp.review == nil {
		return
	}
	p := sp.d.s.Project()
	var objs []fyne.CanvasObject
	for _, doubt := range sp.latest.Mislabelled {
		if im, ok := p.Image(doubt.Path); ok && im.Class == doubt.Labelled && !im.Excluded {
			objs = append(objs, sp.doubtRow(doubt))
		}
	}
	for _, dup := range sp.latest.NearDuplicates {
		if stillApart(p, dup) {
			objs = append(objs, wrapped(lang.L("{{.A}} ({{.ClassA}}) and {{.B}} ({{.ClassB}}) look almost the same ({{.P}}% alike): is one of them in the wrong class?", map[string]any{
				"A": filepath.Base(dup.Paths[0]), "ClassA": dup.Classes[0], "B": filepath.Base(dup.Paths[1]), "ClassB": dup.Classes[1],
				"P": fmt.Sprintf("%.0f", 100*dup.Similarity)})))
		}
	}
	if len(objs) == 0 && sp.ready {
		objs = append(objs, wrapped(lang.L("Nothing to review: every labelled picture agrees with its neighbours.")))
	}
	sp.review.Objects = objs
	sp.review.Refresh()
}

// doubtRow is one likely mislabelled picture, with a button that moves it
// to the class its neighbours say.
func (sp *suggestPanel) doubtRow(doubt ui.Doubt) fyne.CanvasObject {
	text := wrapped(lang.L("{{.File}} is labelled {{.Labelled}}, but its neighbours say {{.Suggested}} ({{.P}}%).", map[string]any{
		"File": filepath.Base(doubt.Path), "Labelled": doubt.Labelled, "Suggested": doubt.Suggested,
		"P": fmt.Sprintf("%.0f", 100*doubt.Confidence)}))
	move := widget.NewButton(lang.L("Move to {{.Class}}", map[string]any{"Class": doubt.Suggested}), func() {
		if err := sp.d.edit(func(p *project.Project) error { return p.SetLabel(doubt.Suggested, doubt.Path) }); err != nil {
			sp.d.h.ShowError(err)
		}
		sp.d.refresh()
	})
	return container.NewBorder(nil, nil, sp.thumbnail(doubt.Path), move, text)
}

// stillApart reports whether both pictures are still included, in
// different classes.
func stillApart(p *project.Project, dup ui.NearDuplicate) bool {
	a, okA := p.Image(dup.Paths[0])
	b, okB := p.Image(dup.Paths[1])
	return okA && okB && !a.Excluded && !b.Excluded && a.Class != "" && b.Class != "" && a.Class != b.Class
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
