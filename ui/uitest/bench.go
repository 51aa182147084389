package uitest

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/host"
	"transferlab/ui/project"
	"transferlab/ui/store"
)

// Bench is one screen on a test window without the rest of the app: the
// host the window would lend it and the store it shares, which a test
// fills directly instead of going through the other screens. Jobs run
// inline and the clock moves a second at every reading, so "time left"
// estimates are exact.
type Bench struct {
	Win   fyne.Window
	Host  *host.Host
	Store *store.Store
	// Status is the status bar's last message.
	Status string
	// Shown is the screen the screen under test last asked to show.
	Shown host.Screen

	stop context.CancelFunc
	now  time.Time
}

// NewBench makes a bench on a test app for eng; Close it when done.
func NewBench(a fyne.App, eng ui.Engine) *Bench {
	ctx, stop := context.WithCancel(context.Background())
	b := &Bench{Win: a.NewWindow("bench"), Store: store.New(eng.Networks()), Shown: -1, stop: stop,
		now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)}
	b.Host = &host.Host{Win: b.Win, Engine: eng, Ctx: ctx, Launch: Inline, Now: b.tick,
		StatusBar: func(text string) { b.Status = text },
		Select:    func(s host.Screen) { b.Shown = s },
		Prefs:     a.Preferences()}
	return b
}

func (b *Bench) tick() time.Time {
	b.now = b.now.Add(time.Second)
	return b.now
}

// Show puts a screen in the window, at the app's window size.
func (b *Bench) Show(content fyne.CanvasObject) {
	b.Win.SetContent(content)
	b.Win.Resize(fyne.NewSize(1100, 760))
}

// Close stops the jobs still running and closes the window.
func (b *Bench) Close() {
	b.stop()
	b.Win.Close()
}

// AddPictures scans paths with the engine and adds what it finds to the
// project, as dropping them on the Pictures screen does.
func (b *Bench) AddPictures(f Fataler, paths ...string) {
	f.Helper()
	ds, err := b.Host.Engine.Scan(b.Host.Ctx, paths, func(int, int) {})
	if err != nil {
		f.Fatalf("scanning %v: %v", paths, err)
		return
	}
	p := b.Store.Project()
	p.AddSources(paths...)
	for _, c := range ds.Classes {
		if _, err := p.AddImages(c.Name, c.Images); err != nil {
			f.Fatalf("adding class %s: %v", c.Name, err)
		}
	}
	if _, err := p.AddImages("", ds.Unlabelled); err != nil {
		f.Fatalf("adding loose pictures: %v", err)
	}
	b.Store.Scanned(ds.Unreadable)
}

// Trained trains the project's labelled pictures with network and case c
// for epochs epochs of batches of batch pictures, writing the classifier
// to dir, and makes the run the current model, as the Train screen does.
func (b *Bench) Trained(f Fataler, network string, c cases.Case, epochs, batch int, dir string) project.Run {
	f.Helper()
	req := ui.TrainRequest{Network: network, Case: c, Classes: b.Store.Labelled(),
		Epochs: epochs, BatchSize: batch, ValShare: b.Store.Project().Settings().ValShare, OutDir: dir}
	res, err := b.Host.Engine.Train(b.Host.Ctx, req, func(ui.TrainEvent) {})
	if err != nil {
		f.Fatalf("training: %v", err)
	}
	b.Store.SetRun(project.Run{Network: network, Case: c, Settings: b.Store.Project().Settings(), Result: res})
	return *b.Store.Run()
}

// Overlay returns the dialog on top of the window; none open is fatal.
func (b *Bench) Overlay(f Fataler) fyne.CanvasObject {
	f.Helper()
	o := b.Win.Canvas().Overlays().Top()
	if o == nil {
		f.Fatalf("no dialog is open")
	}
	return o
}
