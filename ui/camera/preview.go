package camera

import (
	"context"
	"errors"
	"image"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Preview shows one camera's pictures as they come, with a choice of
// camera when the computer has several. A goroutine (started through the
// launcher) reads the camera; it hands every frame to OnFrame and shows a
// frame only when the window has drawn the one before, so a slow window
// drops frames instead of falling behind.
type Preview struct {
	cams   Lister
	parent context.Context // the app's lifetime
	launch func(job func())
	now    func() time.Time

	// OnFrame, when set, gets every frame on the camera's goroutine,
	// before it is shown; it must hand slow work off.
	OnFrame func(img image.Image)

	Image   *canvas.Image
	Choice  *widget.Select // hidden with one camera
	Message *widget.Label  // what the preview is doing, or why it cannot
	Rate    *widget.Label  // frames shown per second
	content fyne.CanvasObject

	infos    []Info
	choosing bool // the program sets Choice: not the user's switch
	gen      int  // frames and messages of an earlier camera are ignored
	meter    RateMeter
	showing  atomic.Bool // a frame is on its way to the window

	mu     sync.Mutex // the camera goroutine's handles, for Stop
	stop   context.CancelFunc
	camera Camera
}

// NewPreview makes a preview of cams; nothing is opened before Start.
// launch starts the camera's goroutine; now is the clock of the rate.
func NewPreview(cams Lister, ctx context.Context, launch func(job func()), now func() time.Time) *Preview {
	p := &Preview{cams: cams, parent: ctx, launch: launch, now: now}
	p.Image = canvas.NewImageFromImage(nil)
	p.Image.FillMode = canvas.ImageFillContain
	p.Image.ScaleMode = canvas.ImageScaleFastest
	p.Image.SetMinSize(fyne.NewSize(320, 240))
	p.Choice = widget.NewSelect(nil, p.chose)
	p.Choice.Hide()
	p.Message = widget.NewLabel(lang.L("Looking for cameras..."))
	p.Message.Wrapping = fyne.TextWrapWord
	p.Rate = widget.NewLabel("")
	top := container.NewBorder(nil, nil, nil, p.Rate, p.Choice)
	p.content = container.NewBorder(top, p.Message, nil, nil, p.Image)
	return p
}

// Content is the preview with its camera choice, rate and message.
func (p *Preview) Content() fyne.CanvasObject { return p.content }

// Start looks for cameras and opens the first (the one chosen before,
// when it is still there).
func (p *Preview) Start() {
	p.gen++
	gen := p.gen
	p.Message.SetText(lang.L("Looking for cameras..."))
	p.launch(func() {
		infos, err := p.cams.List()
		fyne.Do(func() {
			if gen == p.gen {
				p.listed(infos, err)
			}
		})
	})
}

// listed fills the choice and opens a camera.
func (p *Preview) listed(infos []Info, err error) {
	p.infos = infos
	if err == nil && len(infos) == 0 {
		err = &Problem{Reason: None}
	}
	if err != nil {
		p.Message.SetText(err.Error())
		p.Choice.Hide()
		return
	}
	var names []string
	for _, in := range infos {
		names = append(names, in.Name)
	}
	p.choosing = true
	p.Choice.SetOptions(names)
	if p.Choice.SelectedIndex() < 0 {
		p.Choice.SetSelectedIndex(0)
	}
	p.choosing = false
	if len(infos) > 1 {
		p.Choice.Show()
	} else {
		p.Choice.Hide()
	}
	p.open(infos[max(p.Choice.SelectedIndex(), 0)])
}

// chose hears the user pick another camera.
func (p *Preview) chose(string) {
	if p.choosing {
		return
	}
	if i := p.Choice.SelectedIndex(); i >= 0 && i < len(p.infos) {
		p.open(p.infos[i])
	}
}

// open releases the camera in use and starts reading in.
func (p *Preview) open(in Info) {
	p.Stop()
	p.gen++
	gen := p.gen
	ctx, stop := context.WithCancel(p.parent)
	p.mu.Lock()
	p.stop = stop
	p.mu.Unlock()
	p.Message.SetText(lang.L("Starting {{.Name}}...", map[string]any{"Name": in.Name}))
	p.meter = RateMeter{}
	p.launch(func() {
		cam, err := p.cams.Open(in.ID)
		if err != nil {
			fyne.Do(func() { p.ended(gen, err) })
			return
		}
		if !p.hold(ctx, cam) {
			cam.Close()
			return
		}
		fyne.Do(func() {
			if gen == p.gen {
				p.Message.SetText(in.Name)
			}
		})
		err = p.feed(ctx, gen, cam)
		p.release(cam)
		if ctx.Err() == nil {
			fyne.Do(func() { p.ended(gen, err) })
		}
	})
}

// hold records the opened camera for Stop; false when Stop came first.
func (p *Preview) hold(ctx context.Context, cam Camera) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ctx.Err() != nil {
		return false
	}
	p.camera = cam
	return true
}

// release closes cam unless Stop did.
func (p *Preview) release(cam Camera) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.camera == cam {
		p.camera = nil
		cam.Close()
	}
}

// feed reads frames until the camera fails or ctx ends.
func (p *Preview) feed(ctx context.Context, gen int, cam Camera) error {
	for {
		img, err := cam.Read(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return err
		}
		if p.OnFrame != nil {
			p.OnFrame(img)
		}
		if p.showing.CompareAndSwap(false, true) {
			fyne.Do(func() {
				p.showing.Store(false)
				p.show(gen, img)
			})
		}
	}
}

// show draws a frame and updates the rate.
func (p *Preview) show(gen int, img image.Image) {
	if gen != p.gen {
		return
	}
	p.Image.Image = img
	p.Image.Refresh()
	if r, ok := p.meter.Tick(p.now()); ok {
		p.Rate.SetText(lang.L("{{.N}} pictures a second", map[string]any{"N": FormatRate(r)}))
	}
}

// ended says why the camera stopped.
func (p *Preview) ended(gen int, err error) {
	if gen != p.gen {
		return
	}
	if errors.Is(err, io.EOF) {
		p.Message.SetText(lang.L("The camera stopped sending pictures."))
		return
	}
	p.Message.SetText(err.Error())
}

// Stop releases the camera now (the reading goroutine ends soon after).
// The preview can Start again.
func (p *Preview) Stop() {
	p.gen++
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
	if p.camera != nil {
		p.camera.Close()
		p.camera = nil
	}
}
