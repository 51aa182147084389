package pictures

import (
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/camera"
	"transferlab/ui/project"
)

// recordEvery is the least time between two pictures taken while the
// button is held: four a second, so a pupil turning an object in front of
// the camera gets varied pictures rather than thirty near-copies a second.
const recordEvery = 250 * time.Millisecond

// jpegQuality keeps camera pictures small without visible loss.
const jpegQuality = 90

// cameraFolder is where the pictures recorded for class go: a folder
// beside the project file ("lesson.tlproj" → "lesson pictures/cat"), so
// they travel with the project and nothing is written anywhere else.
func cameraFolder(projectPath, class string) string {
	return filepath.Join(strings.TrimSuffix(projectPath, project.Extension)+" pictures", folderName(class))
}

// folderName replaces the characters Windows forbids in folder names.
func folderName(class string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '_'
		}
		return r
	}, class)
	if name = strings.TrimRight(name, ". "); name == "" {
		name = "_"
	}
	return name
}

// AskRecord opens the camera window for class: a live preview, a button
// (or the space bar) to hold while pictures are taken, and a counter.
// Nothing is recorded until the project has a file, as the pictures go
// beside it.
func (d *Screen) AskRecord(class string) { d.recordFromCamera(class) }

// recordFromCamera is AskRecord, returning the window's recorder (nil when
// the project is not saved yet) so tests can hold its button.
func (d *Screen) recordFromCamera(class string) *recorder {
	path := d.s.Path()
	if path == "" {
		dialog.ShowInformation(lang.L("Save the project first"),
			lang.L("Pictures from the camera are kept in a folder beside the project file. Save the project (File > Save), then record again."), d.h.Win)
		return nil
	}
	r := newRecorder(d, class, cameraFolder(path, class))
	r.win.Show()
	r.preview.Start()
	return r
}

// recorder is one "Record from camera" window. The camera goroutine saves
// the pictures (encoding a JPEG takes milliseconds); the UI goroutine adds
// them to the class when the button is let go and when the window closes.
type recorder struct {
	d       *Screen
	project *project.Project // the pictures go to this one only
	class   string
	dir     string
	win     fyne.Window
	preview *camera.Preview
	hold    *holdButton
	counter *widget.Label

	mu      sync.Mutex // shared with the camera goroutine
	holding bool
	last    time.Time // when the last picture was taken
	number  int       // of the next file name to try
	taken   []string  // saved, not yet in the project
	total   int       // saved since the window opened
}

func newRecorder(d *Screen, class, dir string) *recorder {
	r := &recorder{d: d, project: d.s.Project(), class: class, dir: dir, number: 1}
	r.win = fyne.CurrentApp().NewWindow(lang.L("Record pictures of {{.Class}}", map[string]any{"Class": class}))
	r.preview = camera.NewPreview(d.h.Cameras, d.h.Ctx, d.h.Launch, d.h.Now)
	r.preview.OnFrame = r.frame
	r.hold = newHoldButton(lang.L("Hold to record (or hold the space bar)"), r.press, r.let)
	r.counter = widget.NewLabel(lang.L("No pictures recorded yet."))
	where := widget.NewLabel(lang.L("The pictures are saved in {{.Folder}}", map[string]any{"Folder": dir}))
	where.Wrapping = fyne.TextWrapWord
	bottom := container.NewVBox(r.hold, r.counter, where)
	r.win.SetContent(container.NewBorder(nil, bottom, nil, nil, r.preview.Content()))
	if c, ok := r.win.Canvas().(desktop.Canvas); ok {
		c.SetOnKeyDown(r.keyDown)
		c.SetOnKeyUp(r.keyUp)
	}
	r.win.SetOnClosed(r.closed)                          // the main window closes it too, when it closes
	r.win.Resize(d.h.DialogSize(fyne.NewSize(700, 620))) // within the main window, which fits the screen
	return r
}

// keyDown and keyUp make the space bar a second hold button.
func (r *recorder) keyDown(e *fyne.KeyEvent) {
	if e.Name == fyne.KeySpace {
		r.press()
	}
}

func (r *recorder) keyUp(e *fyne.KeyEvent) {
	if e.Name == fyne.KeySpace {
		r.let()
	}
}

// press starts taking pictures (the first at the next frame). A held key
// repeats its press: only the first counts, or the repeats would take a
// picture every frame.
func (r *recorder) press() {
	r.mu.Lock()
	if !r.holding {
		r.holding, r.last = true, time.Time{}
	}
	r.mu.Unlock()
	r.hold.Importance = widget.DangerImportance
	r.hold.SetText(lang.L("Recording... let go to stop"))
}

// let stops taking pictures and adds those taken to the class.
func (r *recorder) let() {
	r.hold.Importance = widget.HighImportance
	r.hold.SetText(lang.L("Hold to record (or hold the space bar)"))
	r.mu.Lock()
	r.holding = false
	taken := r.taken
	r.taken = nil
	r.mu.Unlock()
	if len(taken) == 0 {
		return
	}
	if r.d.s.Project() != r.project {
		r.d.h.StatusBar(lang.L("Another project was opened: the {{.N}} picture(s) just recorded stay in {{.Folder}} and were not added.", map[string]any{"N": len(taken), "Folder": r.dir}))
		return
	}
	err := r.d.edit(func(p *project.Project) error {
		_, err := p.AddImages(r.class, taken)
		return err
	})
	r.d.refresh()
	if err != nil {
		r.d.h.ShowError(err)
		return
	}
	r.d.h.StatusBar(lang.L("Added {{.N}} picture(s) from the camera to {{.Class}}.", map[string]any{"N": len(taken), "Class": r.class}))
}

// closed releases the camera and keeps what was taken.
func (r *recorder) closed() {
	r.preview.Stop()
	r.let()
}

// frame takes a picture of img when the button is held and the last one
// is old enough; it runs on the camera goroutine.
func (r *recorder) frame(img image.Image) {
	if !r.due() {
		return
	}
	path, err := r.save(img)
	r.mu.Lock()
	if err == nil {
		r.taken = append(r.taken, path)
		r.total++
	}
	n := r.total
	r.mu.Unlock()
	fyne.Do(func() { r.count(n, err) })
}

// due says whether to take this frame, and notes the time if so.
func (r *recorder) due() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.holding {
		return false
	}
	now := r.d.h.Now()
	if !r.last.IsZero() && now.Sub(r.last) < recordEvery {
		return false
	}
	r.last = now
	return true
}

// count shows how many pictures were recorded, or why the last failed.
func (r *recorder) count(n int, err error) {
	if err != nil {
		r.counter.SetText(lang.L("Could not save the picture: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	r.counter.SetText(lang.L("{{.N}} picture(s) recorded.", map[string]any{"N": n}))
}

// save writes img as the next free "camera-NNN.jpg" of the folder, never
// replacing a file.
func (r *recorder) save(img image.Image) (string, error) {
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return "", err
	}
	for {
		r.mu.Lock()
		n := r.number
		r.number++
		r.mu.Unlock()
		path := filepath.Join(r.dir, fmt.Sprintf("camera-%03d.jpg", n))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		err = jpeg.Encode(f, img, &jpeg.Options{Quality: jpegQuality})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path) // half a picture would only confuse training
			return "", err
		}
		return path, nil
	}
}

// holdButton is a button that acts while it is held down: press when the
// mouse button goes down on it, let when it comes up or the pointer
// leaves (so a drag off the button does not record forever).
type holdButton struct {
	widget.Button
	press, let func()
	down       bool
}

func newHoldButton(text string, press, let func()) *holdButton {
	b := &holdButton{press: press, let: let}
	b.Text = text
	b.Icon = theme.MediaRecordIcon()
	b.Importance = widget.HighImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseDown starts recording.
func (b *holdButton) MouseDown(*desktop.MouseEvent) {
	b.down = true
	b.press()
}

// MouseUp stops recording.
func (b *holdButton) MouseUp(*desktop.MouseEvent) { b.release() }

// MouseOut stops recording when the pointer slips off while held.
func (b *holdButton) MouseOut() {
	b.Button.MouseOut()
	b.release()
}

func (b *holdButton) release() {
	if b.down {
		b.down = false
		b.let()
	}
}
