// Package training is the Train screen: it starts and stops training and
// shows its progress (a bar with the time left, the device, live loss and
// accuracy charts), then publishes the run through the store.
package training

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui"
	"transferlab/ui/chart"
	"transferlab/ui/glossary"
	"transferlab/ui/host"
	"transferlab/ui/language"
	"transferlab/ui/notices"
	"transferlab/ui/project"
	"transferlab/ui/store"
	"transferlab/ui/words"
)

// Screen is the Train screen. The window's menu, shortcuts and Escape key
// start and stop it too.
type Screen struct {
	h       *host.Host
	s       *store.Store
	workDir string // where models go while the project is unsaved; "" = the user's cache
	content fyne.CanvasObject

	summary  *widget.Label
	device   *widget.Label
	phase    *widget.Label
	kept     *widget.Label // which epoch's model is kept, and why
	start    *widget.Button
	lessonB  *widget.Button
	stopB    *widget.Button
	progress *widget.ProgressBar
	loss     *chart.Line
	acc      *chart.Line

	stop       context.CancelFunc // non-nil while training
	proj       *project.Project   // the project being trained
	autoEpochs bool               // the engine chooses how many epochs
	started    project.Run        // what the training under way trains, without its result
	lesson     *lessonRun         // the four-cases lesson under way; nil otherwise
	phaseName  ui.Phase
	phaseStart time.Time
	shown      float64       // the progress shown in this phase: it never goes back
	best       ui.EpochStats // the epoch with the lowest validation loss so far; Epoch 0 before one
}

// New builds the screen; workDir is where models go while the project is
// unsaved ("" = the user's cache).
func New(h *host.Host, s *store.Store, workDir string) *Screen {
	t := &Screen{h: h, s: s, workDir: workDir}
	t.summary = widget.NewLabel("")
	t.summary.Wrapping = fyne.TextWrapWord
	t.device = widget.NewLabel(lang.L("Device: chosen when training starts"))
	t.phase = widget.NewLabel(lang.L("Not started."))
	t.phase.Wrapping = fyne.TextWrapWord
	t.kept = widget.NewLabel("")
	t.kept.Wrapping = fyne.TextWrapWord
	t.start = widget.NewButtonWithIcon(lang.L("Start training (Ctrl+T)"), theme.MediaPlayIcon(), t.Start)
	t.start.Importance = widget.HighImportance
	t.stopB = widget.NewButtonWithIcon(lang.L("Stop and keep the best model so far (Esc)"), theme.MediaStopIcon(), t.Stop)
	t.stopB.Disable()
	t.lessonB = widget.NewButtonWithIcon(lang.L("Compare the four cases (Ctrl+L)"), theme.ListIcon(), t.StartLesson)
	lessonWhy := widget.NewLabel(lang.L("Trains cases 1 to 4 one after the other on these pictures and tells you which works best here, "+
		"in {{.N}} minutes at most.", map[string]any{"N": int(LessonBudget.Minutes())}))
	lessonWhy.Wrapping = fyne.TextWrapWord
	t.progress = widget.NewProgressBar()
	t.loss = chart.NewLine(lang.L("Loss (lower is better)"), func(v float64) string { return fmt.Sprintf("%.2f", v) },
		lang.L("train"), lang.L("validation"))
	t.acc = chart.NewLine(lang.L("Accuracy (higher is better)"), func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
		lang.L("train"), lang.L("validation"))
	t.acc.SetYRange(0, 1)
	words := container.NewHBox(glossary.Link(glossary.Epoch, h.Win), glossary.Link(glossary.Loss, h.Win),
		glossary.Link(glossary.Accuracy, h.Win), glossary.Link(glossary.Validation, h.Win), glossary.Link(glossary.Overfitting, h.Win))
	top := container.NewVBox(t.summary, container.NewHBox(t.start, t.stopB),
		container.NewBorder(nil, nil, t.lessonB, nil, lessonWhy), t.device, t.progress, t.phase, t.kept, words)
	t.content = container.NewBorder(top, nil, nil, nil, container.NewGridWithColumns(2, t.loss, t.acc))
	t.listen()
	return t
}

// Content is what the window shows in the screen's tab.
func (t *Screen) Content() fyne.CanvasObject { return t.content }

// listen keeps the summary true to the shared state; a new project stops
// the training of the old one, whose result is then dropped, and clears
// the charts until the new project's own model (if any) draws its own.
func (t *Screen) listen() {
	for _, topic := range []store.Topic{store.Pictures, store.Settings, store.Networks, store.Advice} {
		t.s.On(topic, t.Refresh)
	}
	t.s.On(store.Opened, func() {
		if t.Running() {
			t.Stop()
		} else {
			t.clear()
		}
		t.Refresh()
	})
	t.s.On(store.Trained, t.showRun)
}

// Running reports whether a training job is in progress.
func (t *Screen) Running() bool { return t.stop != nil }

// Refresh says what pressing Start would train.
func (t *Screen) Refresh() {
	if t.Running() {
		return
	}
	req, err := t.request()
	if err != nil {
		t.summary.SetText(lang.L("Not ready: {{.Why}}", map[string]any{"Why": language.ErrorText(err)}))
		t.start.Disable()
		t.lessonB.Disable()
		return
	}
	n, _ := t.s.Network(req.Network)
	images := 0
	for _, c := range req.Classes {
		images += len(c.Images)
	}
	data := map[string]any{"Network": n.Title, "Case": int(req.Case), "Title": lang.L(req.Case.Title()),
		"Pictures": images, "Classes": len(req.Classes), "Size": req.ImageSize,
		"Epochs": epochsSummary(req.Epochs), "Share": fmt.Sprintf("%.0f", 100*req.ValShare)}
	if req.ImageSize == 0 {
		t.summary.SetText(lang.L("{{.Network}}, case {{.Case}} ({{.Title}}): {{.Pictures}} pictures in {{.Classes}} classes, "+
			"{{.Epochs}}, {{.Share}}% kept aside to check the model.", data))
	} else {
		t.summary.SetText(lang.L("{{.Network}}, case {{.Case}} ({{.Title}}): {{.Pictures}} pictures in {{.Classes}} classes "+
			"scaled to {{.Size}}×{{.Size}} pixels, {{.Epochs}}, {{.Share}}% kept aside to check the model.", data))
	}
	t.start.Enable()
	t.lessonB.Enable()
}

// request builds the training job from the project, or says what is missing.
func (t *Screen) request() (ui.TrainRequest, error) {
	s := t.s.Project().Settings()
	if err := s.Validate(); err != nil {
		return ui.TrainRequest{}, err
	}
	classes := t.s.Labelled()
	if n, blocked := notices.Blocking(notices.Classes(t.s.Project().Labelled())); blocked {
		return ui.TrainRequest{}, errors.New(n.Text)
	}
	var used []ui.ClassImages
	for _, c := range classes {
		if len(c.Images) > 0 {
			used = append(used, c)
		}
	}
	c := t.s.Case()
	n, ok := t.s.Network(s.Network)
	switch {
	case !ok:
		return ui.TrainRequest{}, errors.New(lang.L("choose a network on the Model screen"))
	case c.NeedsPretrained() && !n.WeightsAvailable:
		return ui.TrainRequest{}, errors.New(lang.L("case {{.Case}} needs the pretrained weights of {{.Network}}: "+
			"download or import them on the Model screen", map[string]any{"Case": int(c), "Network": n.Title}))
	}
	req := ui.TrainRequest{
		Network: s.Network, Case: c, Classes: used,
		Epochs: s.Epochs, LearningRate: s.LearningRate, BatchSize: s.BatchSize, ValShare: s.ValShare, TestShare: s.TestShare,
		ImageSize: s.ImageSize, Augment: s.Augment, Seed: s.Seed, Device: s.Device, OutDir: t.runDir(),

		NoRandomCrop: s.NoRandomCrop, NoFlip: s.NoFlip, // issue 15
	}
	// The engine's own rules for this network and case, before any
	// picture is read.
	return req, t.h.Engine.CheckTraining(req)
}

// epochsSummary says how long training runs: a number of epochs, or the
// engine's choice (it stops once the model no longer improves).
func epochsSummary(epochs int) string {
	switch epochs {
	case 0:
		return lang.L("as many epochs as it takes (chosen automatically)")
	case 1:
		return lang.L("1 epoch")
	}
	return lang.L("{{.N}} epochs", map[string]any{"N": epochs})
}

// Start trains the project as set up, in a job; the Results screen shows
// the run.
func (t *Screen) Start() {
	req, ctx, ok := t.begin()
	if !ok {
		return
	}
	t.loss.SetXMax(req.Epochs)
	t.acc.SetXMax(req.Epochs)
	t.phase.SetText(lang.L("Starting ..."))
	t.h.SetStatus("%s", lang.L("Training {{.Network}}, case {{.Case}}", map[string]any{"Network": req.Network, "Case": int(req.Case)}))
	t.h.Launch(func() {
		res, err := t.h.Engine.Train(ctx, req, func(ev ui.TrainEvent) {
			fyne.Do(func() { t.onEvent(ev) })
		})
		fyne.Do(func() { t.finished(res, err) })
	})
}

// begin starts a job unless one runs or the project is not ready (saying
// why): Start and the lesson wait, Stop cancels the context it returns.
func (t *Screen) begin() (ui.TrainRequest, context.Context, bool) {
	if t.Running() {
		return ui.TrainRequest{}, nil, false
	}
	req, err := t.request()
	if err != nil {
		t.h.ShowError(errors.New(language.ErrorText(err)))
		return req, nil, false
	}
	ctx, stop := context.WithCancel(t.h.Ctx)
	t.stop = stop
	t.proj = t.s.Project()
	t.autoEpochs = req.Epochs == 0
	t.started = project.Run{Network: req.Network, Case: req.Case, Settings: t.proj.Settings()}
	t.start.Disable()
	t.lessonB.Disable()
	t.stopB.Enable()
	t.clear()
	return req, ctx, true
}

// end marks the job over.
func (t *Screen) end() {
	t.stop = nil
	t.start.Enable()
	t.lessonB.Enable()
	t.stopB.Disable()
}

// Stop asks the engine to stop; it keeps the best model so far.
func (t *Screen) Stop() {
	if t.stop != nil {
		t.stop()
		t.stopB.Disable()
		t.phase.SetText(lang.L("Stopping after the current step; the best model so far is kept ..."))
	}
}

// onEvent updates progress, time left, device and charts.
func (t *Screen) onEvent(ev ui.TrainEvent) {
	now := t.h.Now()
	phase := ev.Phase
	if phase == ui.PhaseEpoch {
		phase = ui.PhaseBatch // batches and epochs are one phase for the time left
	}
	if phase != t.phaseName {
		t.phaseName, t.phaseStart, t.shown = phase, now, 0
	}
	if ev.Device != "" {
		t.device.SetText(deviceText(ev.Device))
	}
	t.plotEpoch(ev)
	ev.Epochs = t.lastPossibleEpoch(ev)
	t.shown = max(t.shown, phaseFraction(ev))
	t.progress.SetValue(t.shown)
	text := phaseText(ev, t.autoEpochs || ev.Patience > 0)
	if left, ok := timeLeft(now.Sub(t.phaseStart), t.shown); ok && t.shown < 1 {
		text += ", " + timeLeftText(left, ev.Patience > 0)
	}
	t.phase.SetText(text)
}

// lastPossibleEpoch is the last epoch the run can reach: its upper bound,
// or sooner when early stopping will end it (patience epochs after the
// best so far, which the next epochs can only push later).
func (t *Screen) lastPossibleEpoch(ev ui.TrainEvent) int {
	if ev.Patience <= 0 || ev.Phase == ui.PhaseFeatures {
		return ev.Epochs
	}
	return min(ev.Epochs, max(t.best.Epoch, 1)+ev.Patience)
}

// deviceText names the device at work.
func deviceText(device string) string {
	return lang.L("Device: {{.Device}}", map[string]any{"Device": device})
}

// plotEpoch adds a finished epoch to the charts and marks the one whose
// model is kept so far.
func (t *Screen) plotEpoch(ev ui.TrainEvent) {
	if ev.Phase != ui.PhaseEpoch {
		return
	}
	t.loss.Append(0, ev.TrainLoss)
	t.loss.Append(1, ev.ValLoss)
	t.acc.Append(0, ev.TrainAcc)
	t.acc.Append(1, ev.ValAcc)
	if t.best.Epoch == 0 || ev.ValLoss < t.best.ValLoss {
		t.best = ui.EpochStats{Epoch: ev.Epoch, ValLoss: ev.ValLoss, ValAcc: ev.ValAcc}
	}
	t.markKept(t.best, ev.Patience)
}

// markKept marks epoch best on both charts and says why its model is the
// one kept.
func (t *Screen) markKept(best ui.EpochStats, patience int) {
	t.loss.SetMark(best.Epoch, lang.L("kept"))
	t.acc.SetMark(best.Epoch, lang.L("kept"))
	text := lang.L("Kept: the model of epoch {{.Epoch}}, whose validation loss ({{.Loss}}) is the lowest: "+
		"it did best on the pictures kept aside, which it never learns from.",
		map[string]any{"Epoch": best.Epoch, "Loss": fmt.Sprintf("%.3f", best.ValLoss)})
	if patience > 0 {
		text += " " + lang.L("Training stops early once that has not improved for {{.N}} epochs.", map[string]any{"N": patience})
	}
	t.kept.SetText(text)
}

func (t *Screen) finished(res ui.TrainResult, err error) {
	t.end()
	if t.proj != t.s.Project() {
		t.clear()
		t.showRun()
		t.phase.SetText(lang.L("Training stopped because another project was opened."))
		t.Refresh()
		return
	}
	switch {
	case errors.Is(err, context.Canceled):
		t.phase.SetText(lang.L("Stopped before the first epoch finished; no model was kept."))
		t.h.SetStatus("%s", lang.L("Training stopped"))
		return
	case err != nil:
		t.phase.SetText(lang.L("Training failed: {{.Why}}", map[string]any{"Why": err.Error()}))
		t.h.SetStatus("%s", lang.L("Training failed"))
		t.h.ShowError(fmt.Errorf("%s: %w", lang.L("Training failed"), err))
		return
	}
	t.h.SetStatus("%s %s", finishedText(res), lang.L("Model saved to {{.File}}", map[string]any{"File": res.ClassifierPath}))
	run := t.started
	run.Finished, run.Result = t.h.Now(), res
	t.s.SetRun(run) // kept in the project; showRun, Results and Try it show it
	t.h.Show(host.Results)
}

// finishedText is the one-line end of a run.
func finishedText(res ui.TrainResult) string {
	if res.Stopped {
		return lang.L("Stopped by you; kept the best model so far (epoch {{.Epoch}}, validation accuracy {{.Percent}}).",
			map[string]any{"Epoch": res.BestEpoch, "Percent": words.Percent(res.ValAccuracy)})
	}
	return lang.L("Finished: validation accuracy {{.Percent}}.", map[string]any{"Percent": words.Percent(res.ValAccuracy)})
}

// clear empties the charts and the progress, as before any training.
func (t *Screen) clear() {
	t.loss.Reset()
	t.acc.Reset()
	t.loss.SetXMax(0)
	t.acc.SetXMax(0)
	t.progress.SetValue(0)
	t.phase.SetText(lang.L("Not started."))
	t.kept.SetText("")
	t.device.SetText(lang.L("Device: chosen when training starts"))
	t.phaseName, t.shown, t.best = "", 0, ui.EpochStats{}
}

// showRun draws the current model's run: the charts of every epoch and how
// it ended, whether it just finished or came back with a reopened project.
func (t *Screen) showRun() {
	run := t.s.Run()
	if run == nil || t.Running() {
		return
	}
	res := run.Result
	t.loss.Reset()
	t.acc.Reset()
	for _, e := range res.History {
		t.loss.Append(0, e.TrainLoss)
		t.loss.Append(1, e.ValLoss)
		t.acc.Append(0, e.TrainAcc)
		t.acc.Append(1, e.ValAcc)
	}
	if res.Device != "" {
		t.device.SetText(deviceText(res.Device))
	}
	t.progress.SetValue(1)
	t.phase.SetText(finishedText(res))
	if b := res.BestEpoch; b >= 1 && b <= len(res.History) {
		t.markKept(res.History[b-1], 0)
	}
}

// runDir is a new folder in the models folder for the next run's
// classifier, so a run never overwrites the file an earlier run of the
// project refers to.
func (t *Screen) runDir() string {
	base := t.modelsDir()
	for n := len(t.s.Project().Runs()) + 1; ; n++ {
		dir := filepath.Join(base, fmt.Sprintf("run-%d", n))
		if _, err := os.Stat(dir); err != nil {
			return dir
		}
	}
}

// modelsDir is where trained classifiers are written: beside the project
// file once there is one.
func (t *Screen) modelsDir() string {
	if p := t.s.Path(); p != "" {
		return strings.TrimSuffix(p, project.Extension) + " models"
	}
	if t.workDir != "" {
		return t.workDir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "TransferLab", "models")
	}
	return filepath.Join(os.TempDir(), "TransferLab", "models")
}
