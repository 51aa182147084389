package pictures

import (
	"context"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/project"
	"transferlab/ui/store"
)

// minForSuggestions is how many pictures two classes need each before the
// unlabelled ones get suggestions: fewer, and the neighbours' vote says
// more about the few pictures than about the classes.
const minForSuggestions = 3

// maxSuggestionRows bounds the rows the panel builds; the others are still
// accepted in bulk, and come up as the shown ones are labelled.
const maxSuggestionRows = 100

// suggestPanel is the assisted-labelling side of the Pictures screen: a
// class proposed for each unlabelled picture, with its confidence, to
// accept one by one or all above a chosen confidence, and the labelled
// pictures worth a second look. It labels nothing without a click.
type suggestPanel struct {
	d         *Screen
	content   fyne.CanvasObject
	status    *widget.Label
	again     *widget.Button
	sortBy    *widget.Select
	threshold *widget.Select
	acceptAll *widget.Button
	rows      *fyne.Container
	review    *fyne.Container
	byName    string // the sort choice that orders by file name

	latest ui.Suggestions
	ready  bool   // latest answers the labels of asked
	asked  string // the labels the latest (or running) round is for
	round  int    // the round whose answer is wanted; older ones are dropped
	stop   context.CancelFunc
}

func newSuggestPanel(d *Screen) *suggestPanel {
	sp := &suggestPanel{d: d, status: widget.NewLabel(""), rows: container.NewVBox(), review: container.NewVBox()}
	sp.status.Wrapping = fyne.TextWrapWord
	sp.again = widget.NewButton(lang.L("Suggest and check the labels again"), func() { sp.start(pilesOf(d.s.Project())) })
	surest := lang.L("Surest first")
	sp.byName = lang.L("By file name")
	sp.sortBy = widget.NewSelect([]string{surest, sp.byName}, func(string) { sp.showRows() })
	sp.sortBy.SetSelected(surest)
	var levels []string
	for p := 95; p >= 50; p -= 5 {
		levels = append(levels, fmt.Sprintf("%d%%", p))
	}
	sp.threshold = widget.NewSelect(levels, func(string) { sp.showRows() })
	sp.threshold.SetSelected("80%")
	sp.acceptAll = widget.NewButton("", sp.acceptAbove)
	title := widget.NewLabelWithStyle(lang.L("Suggested classes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reviewTitle := widget.NewLabelWithStyle(lang.L("Review"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(title, sp.status, sp.again,
		container.NewGridWithColumns(2, sp.sortBy, sp.threshold), sp.acceptAll)
	lists := container.NewVScroll(container.NewVBox(sp.rows, widget.NewSeparator(), reviewTitle, sp.review))
	lists.SetMinSize(fyne.NewSize(0, 160))
	sp.content = container.NewBorder(top, nil, nil, nil, lists)
	// A new current model may suggest instead of the neighbours (or no
	// longer): ask again.
	d.s.On(store.Trained, func() {
		sp.asked = ""
		sp.update(pilesOf(d.s.Project()))
	})
	return sp
}

// labelsKey identifies what a round of suggestions depends on: every
// labelled picture with its class, and the unlabelled ones.
func labelsKey(ps piles) string {
	var b strings.Builder
	for _, c := range ps.classes {
		b.WriteString(c.Name + "\x01")
		for _, p := range c.Images {
			b.WriteString(p + "\x00")
		}
	}
	b.WriteString("\x02")
	for _, p := range ps.unlabelled {
		b.WriteString(p + "\x00")
	}
	return b.String()
}

// enough reports whether two classes have minForSuggestions pictures each.
func enough(ps piles) bool {
	n := 0
	for _, c := range ps.classes {
		if len(c.Images) >= minForSuggestions {
			n++
		}
	}
	return n >= 2
}

// update follows the project: a new round when the labels changed and
// there are unlabelled pictures (the review alone waits for a click),
// nothing to show while two classes lack a few pictures.
func (sp *suggestPanel) update(ps piles) {
	if !enough(ps) {
		sp.cancel()
		sp.asked, sp.ready, sp.latest = "", false, ui.Suggestions{}
		sp.status.SetText(lang.L("Label at least 3 pictures in each of two classes, and TransferLab suggests a class for each unlabelled picture."))
		sp.again.Disable()
		sp.showRows()
		sp.showReview()
		return
	}
	sp.again.Enable()
	if key := labelsKey(ps); key != sp.asked && len(ps.unlabelled) > 0 {
		sp.start(ps)
		return
	}
	sp.showRows()
	sp.showReview()
}

func (sp *suggestPanel) cancel() {
	if sp.stop != nil {
		sp.stop()
		sp.stop = nil
	}
	sp.round++
}

// start asks the engine for a round of suggestions in a job, dropping
// any round still under way.
func (sp *suggestPanel) start(ps piles) {
	sp.cancel()
	d := sp.d
	sp.asked, sp.ready = labelsKey(ps), false
	round := sp.round
	ctx, stop := context.WithCancel(d.h.Ctx)
	sp.stop = stop
	req := ui.SuggestRequest{
		Network: d.s.Project().Settings().Network, Classes: d.s.Labelled(),
		Unlabelled: ps.unlabelled, ClassifierPath: sp.model(ps),
	}
	sp.status.SetText(lang.L("Looking at the pictures..."))
	d.h.Launch(func() {
		res, err := d.h.Engine.Suggest(ctx, req, func(done, total int) {
			fyne.Do(func() {
				if round == sp.round {
					sp.status.SetText(lang.L("Looking at the pictures: {{.Done}} of {{.Total}}", map[string]any{"Done": done, "Total": total}))
				}
			})
		})
		fyne.Do(func() {
			stop()
			if round == sp.round {
				sp.answered(res, err)
			}
		})
	})
}

// model is the current model's classifier when it was trained on exactly
// these classes and its file is usable; "" lets the neighbours suggest.
func (sp *suggestPanel) model(ps piles) string {
	run := sp.d.s.Run()
	if run == nil || run.Result.ClassifierPath == "" || sp.d.s.ModelProblem() != "" {
		return ""
	}
	var names []string
	for _, c := range ps.classes {
		names = append(names, c.Name)
	}
	trained := slices.Clone(run.Result.Classes)
	slices.Sort(names)
	slices.Sort(trained)
	if !slices.Equal(names, trained) {
		return ""
	}
	return run.Result.ClassifierPath
}

// answered shows a finished round.
func (sp *suggestPanel) answered(res ui.Suggestions, err error) {
	sp.stop = nil
	if err != nil {
		sp.latest, sp.ready = ui.Suggestions{}, false
		sp.asked = "" // try again at the next change
		sp.status.SetText(lang.L("No suggestions: {{.Why}}", map[string]any{"Why": err.Error()}))
	} else {
		sp.latest, sp.ready = res, true
		n := map[string]any{"N": len(res.Items)}
		if res.ByModel {
			sp.status.SetText(lang.L("{{.N}} suggestions by your trained model. Nothing is labelled until you accept.", n))
		} else {
			sp.status.SetText(lang.L("{{.N}} suggestions by their nearest labelled pictures, as the pretrained network sees them. Nothing is labelled until you accept.", n))
		}
	}
	sp.showRows()
	sp.showReview()
}

// pending are the latest suggestions for pictures still unlabelled (and
// for classes the project has), in the chosen order.
func (sp *suggestPanel) pending() []ui.Suggestion {
	p := sp.d.s.Project()
	classes := p.Classes()
	var out []ui.Suggestion
	for _, s := range sp.latest.Items {
		im, ok := p.Image(s.Path)
		if ok && im.Class == "" && !im.Excluded && slices.Contains(classes, s.Class) {
			out = append(out, s)
		}
	}
	if sp.sortBy.Selected == sp.byName {
		sort.SliceStable(out, func(a, b int) bool { return filepath.Base(out[a].Path) < filepath.Base(out[b].Path) })
	} else {
		sort.SliceStable(out, func(a, b int) bool { return out[a].Confidence > out[b].Confidence })
	}
	return out
}

// level is the chosen confidence, 0..1.
func (sp *suggestPanel) level() float64 {
	var p float64
	fmt.Sscanf(sp.threshold.Selected, "%g%%", &p)
	return p / 100
}

// above are the pending suggestions at or above the chosen confidence.
func (sp *suggestPanel) above() []ui.Suggestion {
	var out []ui.Suggestion
	for _, s := range sp.pending() {
		if s.Confidence >= sp.level()-1e-9 {
			out = append(out, s)
		}
	}
	return out
}

// showRows rebuilds the suggestion rows and the bulk button.
func (sp *suggestPanel) showRows() {
	if sp.rows == nil || sp.acceptAll == nil {
		return // still being built
	}
	pending := sp.pending()
	n := len(sp.above())
	sp.acceptAll.SetText(lang.L("Accept all at or above {{.P}} ({{.N}})", map[string]any{"P": sp.threshold.Selected, "N": n}))
	enable(sp.acceptAll, n > 0)
	enable(sp.sortBy, len(pending) > 0)
	var objs []fyne.CanvasObject
	for _, s := range pending[:min(len(pending), maxSuggestionRows)] {
		objs = append(objs, sp.row(s))
	}
	if len(pending) > maxSuggestionRows {
		objs = append(objs, widget.NewLabel(lang.L("and {{.N}} more", map[string]any{"N": len(pending) - maxSuggestionRows})))
	}
	sp.rows.Objects = objs
	sp.rows.Refresh()
}

// row is one suggestion: the thumbnail, the class with its confidence and
// the file name, and Accept.
func (sp *suggestPanel) row(s ui.Suggestion) fyne.CanvasObject {
	text := widget.NewLabel(lang.L("{{.Class}} {{.P}}%: {{.File}}", map[string]any{
		"Class": s.Class, "P": fmt.Sprintf("%.0f", 100*s.Confidence), "File": filepath.Base(s.Path)}))
	text.Truncation = fyne.TextTruncateEllipsis
	accept := widget.NewButton(lang.L("Accept"), func() { sp.accept([]ui.Suggestion{s}) })
	return container.NewBorder(nil, nil, sp.thumbnail(s.Path), accept, text)
}

// thumbnail is a small picture of path, filled in when decoded.
func (sp *suggestPanel) thumbnail(path string) fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(40))
	sp.d.thumbs.Get(path, func(i image.Image, _ error) {
		img.Image = i
		img.Refresh()
	})
	return img
}

// acceptAbove accepts every pending suggestion at or above the chosen
// confidence.
func (sp *suggestPanel) acceptAbove() { sp.accept(sp.above()) }

// accept labels the pictures of these suggestions with their classes: the
// user's click, one or many.
func (sp *suggestPanel) accept(items []ui.Suggestion) {
	if len(items) == 0 {
		return
	}
	byClass := map[string][]string{}
	for _, s := range items {
		byClass[s.Class] = append(byClass[s.Class], s.Path)
	}
	err := sp.d.edit(func(p *project.Project) error {
		for class, paths := range byClass {
			if err := p.SetLabel(class, paths...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		sp.d.h.ShowError(err)
	}
	sp.d.h.StatusBar(lang.L("Labelled {{.N}} picture(s) as suggested", map[string]any{"N": len(items)}))
	sp.d.refresh()
}
