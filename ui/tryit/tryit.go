// Package tryit is the "Try it" screen: it classifies a picture the user
// drops or picks with the model just trained, showing the top answers as
// bars.
package tryit

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/chart"
	"transferlab/ui/glossary"
	"transferlab/ui/heatmap"
	"transferlab/ui/host"
	"transferlab/ui/store"
	"transferlab/ui/words"
)

// topK is how many answers "Try it" shows.
const topK = 5

// Screen is the "Try it" screen; the window routes pictures dropped on it
// to Predict.
type Screen struct {
	h       *host.Host
	s       *store.Store
	content fyne.CanvasObject

	pick    *widget.Button
	live    *widget.Button // "Live camera...": live.go
	message *widget.Label
	image   *heatmap.Picture // with its "Show what it looked at" switch
	// noneOfThese, above the bars, says the picture looks unlike every
	// class the model learned; hidden otherwise.
	noneOfThese *widget.Label
	noneWhy     *widget.Button // the glossary's word on it
	answers     *fyne.Container
	column      *fyne.Container // noneOfThese over answers
	gen         int             // ignores answers to older pictures
}

// New builds the screen; it follows the store's project and last run.
func New(h *host.Host, s *store.Store) *Screen {
	t := &Screen{h: h, s: s}
	t.pick = widget.NewButtonWithIcon(lang.L("Choose a picture..."), theme.FileImageIcon(), t.askPicture)
	t.live = widget.NewButtonWithIcon(lang.L("Live camera..."), theme.MediaVideoIcon(), t.AskLive)
	t.message = widget.NewLabel("")
	t.message.Wrapping = fyne.TextWrapWord
	t.image = heatmap.New(h, 280)
	t.answers = container.New(layout.NewFormLayout()) // label | bar rows
	t.noneOfThese = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.noneOfThese.Wrapping = fyne.TextWrapWord
	t.noneOfThese.Importance = widget.WarningImportance
	t.noneOfThese.Hide()
	t.noneWhy = glossary.Link(glossary.NoneOfThese, h.Win)
	t.noneWhy.Hide()
	t.column = container.NewVBox(t.noneOfThese, t.noneWhy, t.answers)
	top := container.NewVBox(container.NewHBox(t.pick, widget.NewLabel(lang.L("or drop a picture anywhere on this screen")), t.live), t.message)
	t.content = container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, t.image, container.NewVScroll(t.column)))
	s.On(store.Opened, t.reset)
	s.On(store.Trained, t.reset)
	return t
}

// Content is what the window shows in the screen's tab.
func (t *Screen) Content() fyne.CanvasObject { return t.content }

// reset clears the screen after a new model (or none) arrived.
func (t *Screen) reset() {
	t.gen++
	t.image.Clear()
	t.answers.RemoveAll()
	t.noneOfThese.Hide()
	t.noneWhy.Hide()
	t.column.Refresh()
	if why := t.unusable(); why != "" {
		t.message.SetText(why)
		t.pick.Disable()
		t.live.Disable()
		return
	}
	t.message.SetText(lang.L("Drop a picture the model has never seen, or choose one."))
	t.pick.Enable()
	t.live.Enable()
}

// unusable says why there is no model to try; "" when there is one.
func (t *Screen) unusable() string {
	switch {
	case t.s.Run() == nil:
		return lang.L("Train a model first; then drop pictures here to see what it says.")
	case t.s.ModelProblem() != "":
		return t.s.ModelProblem()
	}
	return ""
}

func (t *Screen) askPicture() {
	t.h.AskOpen(host.PicturePath, lang.L("Try a picture"), t.Predict)
}

// Predict classifies path in a job and shows the top answers.
func (t *Screen) Predict(path string) {
	if why := t.unusable(); why != "" {
		t.message.SetText(why)
		return
	}
	run := t.s.Run()
	t.gen++
	gen := t.gen
	classifier := run.Result.ClassifierPath
	t.image.Set(path, classifier, -1) // explains the top answer, the one shown first
	t.answers.RemoveAll()
	t.noneOfThese.Hide()
	t.noneWhy.Hide()
	t.column.Refresh()
	t.message.SetText(lang.L("Looking at {{.File}} ...", map[string]any{"File": filepath.Base(path)}))
	t.h.Run(func(ctx context.Context) {
		answer, err := t.h.Engine.PredictWithNovelty(ctx, classifier, path, topK)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				t.message.SetText(lang.L("Could not classify {{.File}}:", map[string]any{"File": filepath.Base(path)}) + " " + host.Plain(err))
				return
			}
			t.showAnswers(path, answer.Predictions)
			if answer.NoneOfThese && len(answer.Predictions) > 0 {
				t.sayNoneOfThese(path, answer.Predictions[0])
			}
		})
	})
}

func (t *Screen) showAnswers(path string, preds []ui.Prediction) {
	if len(preds) == 0 {
		t.message.SetText(lang.L("The model gave no answer for {{.File}}", map[string]any{"File": filepath.Base(path)}))
		return
	}
	t.message.SetText(lang.L("{{.File}}: the model says {{.Label}} ({{.Percent}} sure).",
		map[string]any{"File": filepath.Base(path), "Label": preds[0].Label, "Percent": words.Percent(preds[0].Prob)}))
	for _, p := range preds {
		t.answers.Add(widget.NewLabelWithStyle(p.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		t.answers.Add(chart.NewShare(p.Prob, words.Percent(p.Prob)))
	}
}

// sayNoneOfThese replaces the claim of the top class: the picture is
// unlike every class the model learned, so its probabilities (which always
// add up to 100 % over the classes it knows) mean little.
func (t *Screen) sayNoneOfThese(path string, closest ui.Prediction) {
	t.message.SetText(lang.L("{{.File}}: none of these. The closest class is {{.Label}}.", map[string]any{"File": filepath.Base(path), "Label": closest.Label}))
	t.noneOfThese.SetText(lang.L("None of these — this picture looks unlike every class it learned. Add an 'other' class with pictures like this one."))
	t.noneOfThese.Show()
	t.noneWhy.Show()
	t.column.Refresh() // lay the bars out below the line
}
