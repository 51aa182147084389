package pictures

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"transferlab/ui/camera"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// cameraBench is the Pictures screen of a saved project with classes cat
// and dog, and a test camera playing the first n cats of catsdogs-60.
func cameraBench(t *testing.T, n int) (*uitest.Bench, *Screen, *jobQueue, *camera.Shelf, []string) {
	t.Helper()
	b, d := newBench(t, fakeengine.New(), "")
	q := &jobQueue{}
	b.Host.Launch = q.launch
	var cats []string
	for i := 1; i <= n; i++ {
		cats = append(cats, filepath.Join(catsDogs(t), "cat", fmt.Sprintf("cat-%02d.jpg", i)))
	}
	shelf := camera.NewShelf()
	shelf.Add("Test camera", cats, 0, false)
	b.Host.Cameras = shelf
	p := project.New()
	p.AddClass("cat")
	p.AddClass("dog")
	b.Store.Open(p, filepath.Join(t.TempDir(), "lesson"+project.Extension))
	return b, d, q, shelf, cats
}

// recordWindow is the window "Record from camera..." opened.
func recordWindow(t *testing.T) fyne.Window {
	t.Helper()
	wins := fyne.CurrentApp().Driver().AllWindows()
	w := wins[len(wins)-1]
	if !strings.HasPrefix(w.Title(), "Record pictures of ") {
		t.Fatalf("the last window is %q, not the camera's", w.Title())
	}
	return w
}

func TestRecordFromCameraSavesJPEGsIntoTheClass(t *testing.T) {
	b, d, q, shelf, cats := cameraBench(t, 5)
	uitest.Tap(t, d.Content(), "Record from camera...")
	w := recordWindow(t)
	if w.Title() != "Record pictures of cat" {
		t.Errorf("window title %q, want the shown class cat", w.Title())
	}
	hold := uitest.Find[*holdButton](w.Content())[0]
	hold.MouseDown(&desktop.MouseEvent{})
	if hold.Text != "Recording... let go to stop" {
		t.Errorf("while held the button says %q", hold.Text)
	}
	q.run() // the camera plays its five cats, then stops
	hold.MouseUp(&desktop.MouseEvent{})

	// Every frame was a quarter second or more after the last (the test
	// clock moves a second a reading), so all five were taken.
	if !uitest.HasLabel(w.Content(), "5 picture(s) recorded.") {
		t.Errorf("the counter says %v", uitest.Labels(w.Content()))
	}
	folder := filepath.Join(strings.TrimSuffix(b.Store.Path(), project.Extension)+" pictures", "cat")
	var want []string
	for i := 1; i <= 5; i++ {
		want = append(want, filepath.Join(folder, fmt.Sprintf("camera-%03d.jpg", i)))
	}
	entries, err := os.ReadDir(folder)
	if err != nil || len(entries) != 5 {
		t.Fatalf("the class folder holds %d files (%v), want 5", len(entries), err)
	}
	show := shelf.Opened("Test camera")[0]
	for i, path := range want {
		got := decodeJPEG(t, path)
		if d := meanDifference(got, show.Frame(i)); d > 4 {
			t.Errorf("%s differs from the camera's frame %d (%s) by %.1f levels on average", path, i, cats[i], d)
		}
	}

	// The project lists them under cat, in the file as in memory.
	if got := b.Store.Project().ImagesOf("cat"); !slices.Equal(got, want) {
		t.Errorf("class cat = %v, want %v", got, want)
	}
	if err := b.Store.Project().Save(b.Store.Path()); err != nil {
		t.Fatal(err)
	}
	back, err := project.Load(b.Store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got := back.ImagesOf("cat"); !slices.Equal(got, want) {
		t.Errorf("the saved project's class cat = %v, want %v", got, want)
	}
	if !uitest.HasLabel(d.cards[0], "5 pictures") {
		t.Errorf("the cat card shows %v", uitest.Labels(d.cards[0]))
	}
	if !strings.Contains(b.Status, "Added 5 picture(s) from the camera to cat") {
		t.Errorf("status %q", b.Status)
	}
	if !show.Closed() {
		t.Error("the camera was not released after its last picture")
	}

	// A second recording continues the numbering; the space bar holds too.
	// This time the clock moves a tenth of a second a reading: the frame
	// (one reading) and the preview (another) come every 200 ms, and a
	// picture is taken at 100, 500 and 900 ms, not at every frame.
	clock := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	b.Host.Now = func() time.Time { clock = clock.Add(100 * time.Millisecond); return clock }
	rec := d.recordFromCamera("cat")
	rec.keyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	q.jobs[0]() // the cameras are listed
	q.jobs = q.jobs[1:]
	// A held key repeats its press between the frames: that must not
	// start the count again.
	rec.preview.OnFrame = func(img image.Image) {
		rec.keyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
		rec.frame(img)
	}
	q.run()
	rec.keyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if n := len(b.Store.Project().ImagesOf("cat")); n != 8 {
		t.Errorf("after a second recording class cat has %d pictures, want 5 + 3", n)
	}
	if _, err := os.Stat(filepath.Join(folder, "camera-008.jpg")); err != nil {
		t.Errorf("the second recording did not go on from camera-006.jpg: %v", err)
	}
	rec.win.Close()

	// A project opened in the middle of a recording does not get its
	// pictures; the one recorded for keeps its eight.
	lesson := b.Store.Project()
	rec = d.recordFromCamera("cat")
	rec.hold.MouseDown(&desktop.MouseEvent{})
	q.run()
	b.Store.Open(project.New(), filepath.Join(t.TempDir(), "other"+project.Extension))
	rec.hold.MouseUp(&desktop.MouseEvent{})
	if n := len(b.Store.Project().Images()); n != 0 || !strings.Contains(b.Status, "3 picture(s) just recorded stay in") {
		t.Errorf("the other project got %d pictures; status %q", n, b.Status)
	}
	if n := len(lesson.ImagesOf("cat")); n != 8 {
		t.Errorf("the recording's project has %d pictures in cat, want 8", n)
	}
	rec.win.Close()
}

func TestRecordFromCameraReleasesTheCameraWhenTheWindowCloses(t *testing.T) {
	_, d, q, _, _ := cameraBench(t, 3)
	// A camera that never runs out of pictures; the user closes the
	// window after the fourth frame.
	endless := camera.NewShelf()
	files := []string{filepath.Join(catsDogs(t), "cat", "cat-01.jpg")}
	endless.Add("Endless camera", files, 0, true)
	var w fyne.Window
	cams := &closeAfter{Lister: endless, frames: 4, close: func() { w.Close() }}
	d.h.Cameras = cams
	uitest.Tap(t, d.Content(), "Record from camera...")
	w = recordWindow(t)
	q.run()
	opened := endless.Opened("Endless camera")
	if len(opened) != 1 || !opened[0].Closed() {
		t.Fatalf("opened %d cameras; released: %v", len(opened), len(opened) == 1 && opened[0].Closed())
	}
	if n := opened[0].Reads(); n != 4 {
		t.Errorf("the camera was read %d times, want 4 (none after the window closed)", n)
	}
}

func TestRecordFromCameraSaysWhyNot(t *testing.T) {
	b, d, q, shelf, _ := cameraBench(t, 1)
	shelf.Fail("Test camera", &camera.Problem{Reason: camera.Busy, Detail: "/dev/video0: device or resource busy"})
	uitest.Tap(t, d.Content(), "Record from camera...")
	w := recordWindow(t)
	q.run()
	if !uitest.HasLabel(w.Content(), camera.Busy.Error()+"\n\nDetails: /dev/video0: device or resource busy") {
		t.Errorf("a busy camera shows %v", uitest.Labels(w.Content()))
	}
	w.Close()

	b.Host.Cameras = camera.NewShelf()
	uitest.Tap(t, d.Content(), "Record from camera...")
	w = recordWindow(t)
	q.run()
	if !uitest.HasLabel(w.Content(), camera.None.Error()) {
		t.Errorf("no camera shows %v", uitest.Labels(w.Content()))
	}
	w.Close()

	// An unsaved project has no folder for the pictures: nothing opens.
	b.Store.Open(project.New(), "")
	b.Store.Project().AddClass("cat")
	before := len(fyne.CurrentApp().Driver().AllWindows())
	uitest.Tap(t, d.Content(), "Record from camera...")
	if after := len(fyne.CurrentApp().Driver().AllWindows()); after != before {
		t.Errorf("a camera window opened for an unsaved project")
	}
	if !uitest.HasLabel(b.Overlay(t), "Save the project (File > Save), then record again.") {
		t.Errorf("the dialog says %v", uitest.Labels(b.Overlay(t)))
	}
}

// closeAfter is a camera lister whose cameras call close after frames
// reads, as a user closing the window in the middle of the stream.
type closeAfter struct {
	camera.Lister
	frames int
	close  func()
}

func (c *closeAfter) Open(id string) (camera.Camera, error) {
	cam, err := c.Lister.Open(id)
	if err != nil {
		return nil, err
	}
	return &closingCamera{Camera: cam, left: c.frames, close: c.close}, nil
}

type closingCamera struct {
	camera.Camera
	left  int
	close func()
}

func (c *closingCamera) Read(ctx context.Context) (image.Image, error) {
	if c.left == 0 {
		c.close()
	}
	c.left--
	return c.Camera.Read(ctx)
}

func decodeJPEG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// meanDifference is the mean absolute difference of two same-sized
// pictures, in 0..255 levels over the three channels; 255 when their
// sizes differ.
func meanDifference(a, b image.Image) float64 {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 255
	}
	var sum float64
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			sum += diff(r1, r2) + diff(g1, g2) + diff(b1, b2)
		}
	}
	return sum / float64(3*ab.Dx()*ab.Dy()) / 257
}

func diff(a, b uint32) float64 {
	if a > b {
		return float64(a - b)
	}
	return float64(b - a)
}
