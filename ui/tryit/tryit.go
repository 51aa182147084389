// Package tryit is the "Try it" screen: it classifies a picture the user
// drops or picks with the model just trained, showing the top answers as
// bars.
package tryit

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/chart"
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
	image   *canvas.Image
	answers *fyne.Container
	gen     int // ignores answers to older pictures
}

// New builds the screen; it follows the store's project and last run.
func New(h *host.Host, s *store.Store) *Screen {
	t := &Screen{h: h, s: s}
	t.pick = widget.NewButtonWithIcon("Choose a picture...", theme.FileImageIcon(), t.askPicture)
	t.live = widget.NewButtonWithIcon(lang.L("Live camera..."), theme.MediaVideoIcon(), t.AskLive)
	t.message = widget.NewLabel("")
	t.message.Wrapping = fyne.TextWrapWord
	t.image = canvas.NewImageFromImage(nil)
	t.image.FillMode = canvas.ImageFillContain
	t.image.SetMinSize(fyne.NewSquareSize(280))
	t.answers = container.New(layout.NewFormLayout()) // label | bar rows
	top := container.NewVBox(container.NewHBox(t.pick, widget.NewLabel("or drop a picture anywhere on this screen"), t.live), t.message)
	t.content = container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, t.image, container.NewVScroll(t.answers)))
	s.On(store.Opened, t.reset)
	s.On(store.Trained, t.reset)
	return t
}

// Content is what the window shows in the screen's tab.
func (t *Screen) Content() fyne.CanvasObject { return t.content }

// reset clears the screen after a new model (or none) arrived.
func (t *Screen) reset() {
	t.gen++
	t.image.File, t.image.Image = "", nil
	t.image.Refresh()
	t.answers.RemoveAll()
	if why := t.unusable(); why != "" {
		t.message.SetText(why)
		t.pick.Disable()
		t.live.Disable()
		return
	}
	t.message.SetText("Drop a picture the model has never seen, or choose one.")
	t.pick.Enable()
	t.live.Enable()
}

// unusable says why there is no model to try; "" when there is one.
func (t *Screen) unusable() string {
	switch {
	case t.s.Run() == nil:
		return "Train a model first; then drop pictures here to see what it says."
	case t.s.ModelProblem() != "":
		return t.s.ModelProblem()
	}
	return ""
}

func (t *Screen) askPicture() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			t.h.ShowError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		t.Predict(path)
	}, t.h.Win)
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
	t.image.File, t.image.Image = path, nil
	t.image.Refresh()
	t.answers.RemoveAll()
	t.message.SetText(fmt.Sprintf("Looking at %s ...", filepath.Base(path)))
	t.h.Run(func(ctx context.Context) {
		preds, err := t.h.Engine.Predict(ctx, classifier, path, topK)
		fyne.Do(func() {
			if gen != t.gen {
				return
			}
			if err != nil {
				t.message.SetText(fmt.Sprintf("Could not classify %s: %v", filepath.Base(path), err))
				return
			}
			t.showAnswers(path, preds)
		})
	})
}

func (t *Screen) showAnswers(path string, preds []ui.Prediction) {
	if len(preds) == 0 {
		t.message.SetText("The model gave no answer for " + filepath.Base(path))
		return
	}
	t.message.SetText(fmt.Sprintf("%s: the model says %s (%s sure).", filepath.Base(path), preds[0].Label, words.Percent(preds[0].Prob)))
	for _, p := range preds {
		t.answers.Add(widget.NewLabelWithStyle(p.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		t.answers.Add(chart.NewShare(p.Prob, words.Percent(p.Prob)))
	}
}
