package tryit

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/bmp"

	"transferlab/ui"
	"transferlab/ui/camera"
	"transferlab/ui/chart"
	"transferlab/ui/words"
)

// AskLive opens the "Live camera" window: the camera's picture and the
// model's top answers, as often as the model can give them.
func (t *Screen) AskLive() { t.openLive() }

// openLive is AskLive, returning the window's view for tests; nil when
// there is no model to try.
func (t *Screen) openLive() *liveView {
	if why := t.unusable(); why != "" {
		t.message.SetText(why)
		return nil
	}
	v := newLiveView(t, t.s.Run().Result.ClassifierPath)
	v.win.Show()
	v.preview.Start()
	return v
}

// liveView is one "Live camera" window. The camera goroutine hands a frame
// to the model only when the model has answered the one before (a job
// through the host's launcher): the frames in between are shown but not
// classified, so the answers never fall behind the picture and the window
// never waits for the model.
type liveView struct {
	t          *Screen
	classifier string
	ctx        context.Context // ends when the window closes
	stop       context.CancelFunc
	win        fyne.Window
	preview    *camera.Preview
	verdict    *widget.Label
	answers    *fyne.Container // label | bar rows, as the screen's own
	rate       *widget.Label   // answers a second
	meter      camera.RateMeter
	busy       atomic.Bool // the model is looking at a frame
	scratch    string      // the folder of the frame the model reads
	scratchErr error       // why there is none
	// Answered counts the answers shown (tests read it).
	answered int
}

func newLiveView(t *Screen, classifier string) *liveView {
	v := &liveView{t: t, classifier: classifier}
	v.ctx, v.stop = context.WithCancel(t.h.Ctx)
	v.scratch, v.scratchErr = os.MkdirTemp("", "transferlab-live-")
	v.win = fyne.CurrentApp().NewWindow(lang.L("Live camera"))
	v.preview = camera.NewPreview(t.h.Cameras, v.ctx, t.h.Launch, t.h.Now)
	v.preview.OnFrame = v.frame
	v.verdict = widget.NewLabelWithStyle(lang.L("Point the camera at something the model knows."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.verdict.Wrapping = fyne.TextWrapWord
	v.answers = container.New(layout.NewFormLayout())
	v.rate = widget.NewLabel("")
	side := container.NewBorder(container.NewVBox(v.verdict, v.rate), nil, nil, nil, container.NewVScroll(v.answers))
	v.win.SetContent(container.NewGridWithColumns(2, v.preview.Content(), side))
	v.win.SetOnClosed(v.closed)                           // the main window closes it too, when it closes
	v.win.Resize(t.h.DialogSize(fyne.NewSize(1000, 560))) // within the main window, which fits the screen
	return v
}

// closed releases the camera and ends a classification under way.
func (v *liveView) closed() {
	v.preview.Stop()
	v.stop()
	if v.scratch != "" {
		os.RemoveAll(v.scratch)
	}
}

// frame runs on the camera goroutine: a frame goes to the model unless
// the model is still busy with an earlier one.
func (v *liveView) frame(img image.Image) {
	if v.ctx.Err() != nil || !v.busy.CompareAndSwap(false, true) {
		return
	}
	v.t.h.Launch(func() {
		preds, err := v.classify(img)
		fyne.Do(func() {
			v.busy.Store(false)
			if v.ctx.Err() == nil {
				v.show(preds, err)
			}
		})
	})
}

// classify runs the model on img. The engine reads pictures from files, so
// the frame goes through a scratch file of the window's own (BMP: no loss
// and no time spent compressing), removed when the window closes.
func (v *liveView) classify(img image.Image) ([]ui.Prediction, error) {
	if v.scratch == "" {
		return nil, v.scratchErr
	}
	path := filepath.Join(v.scratch, "frame.bmp")
	if err := writeBMP(path, img); err != nil {
		return nil, err
	}
	return v.t.h.Engine.Predict(v.ctx, v.classifier, path, topK)
}

// writeBMP saves img at path.
func writeBMP(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = bmp.Encode(f, img)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// show puts the model's answer beside the picture.
func (v *liveView) show(preds []ui.Prediction, err error) {
	if err != nil {
		v.verdict.SetText(lang.L("Could not classify the camera's picture: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	v.answered++
	if r, ok := v.meter.Tick(v.t.h.Now()); ok {
		v.rate.SetText(lang.L("{{.N}} answers a second", map[string]any{"N": camera.FormatRate(r)}))
	}
	v.answers.RemoveAll()
	if len(preds) == 0 {
		v.verdict.SetText(lang.L("The model gave no answer."))
		return
	}
	// "None of these" goes here once predictions carry it: say so in the
	// verdict instead of naming preds[0] when the model knows none of them.
	v.verdict.SetText(lang.L("The model says {{.Label}} ({{.Percent}} sure).", map[string]any{"Label": preds[0].Label, "Percent": words.Percent(preds[0].Prob)}))
	for _, p := range preds {
		v.answers.Add(widget.NewLabelWithStyle(p.Label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		v.answers.Add(chart.NewShare(p.Prob, words.Percent(p.Prob)))
	}
}
