package camera

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
)

func cats(t *testing.T, n int) []string {
	t.Helper()
	dir := shareddata.Path(t, "datasets/catsdogs-60/cat")
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, filepath.Join(dir, fmt.Sprintf("cat-%02d.jpg", i)))
	}
	return out
}

func TestCameraSlideshowPlaysPicturesInOrder(t *testing.T) {
	files := cats(t, 3)
	s, err := NewSlideshow(files, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		img, err := s.Read(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		want, _ := decodeFile(f)
		if img.Bounds() != want.Bounds() || img.At(10, 10) != want.At(10, 10) {
			t.Errorf("frame %d is not %s", i, f)
		}
	}
	if _, err := s.Read(context.Background()); err != io.EOF {
		t.Errorf("after the last picture: %v, want io.EOF", err)
	}
	looping, _ := NewSlideshow(files[:2], 0, true)
	var sizes []image.Point
	for range 3 {
		img, _ := looping.Read(context.Background())
		sizes = append(sizes, img.Bounds().Size())
	}
	if sizes[2] != sizes[0] || looping.Reads() != 3 {
		t.Errorf("a looping slideshow did not start again: %v", sizes)
	}
	looping.Close()
	if _, err := looping.Read(context.Background()); err == nil || !looping.Closed() {
		t.Error("a closed slideshow still reads")
	}
	slow, _ := NewSlideshow(files[:1], time.Hour, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := slow.Read(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v", err)
	}
	if _, err := NewSlideshow([]string{filepath.Join(t.TempDir(), "none.jpg")}, 0, false); err == nil {
		t.Error("a slideshow of a missing file started")
	}
}

func TestCameraProblemsAreSentences(t *testing.T) {
	err := error(&Problem{Reason: Denied, Detail: "/dev/video0: permission denied"})
	if !errors.Is(err, Denied) || errors.Is(err, Busy) {
		t.Errorf("errors.Is does not see the reason of %v", err)
	}
	want := "The computer did not allow TransferLab to use the camera. Allow it in the system's privacy settings (on Linux, ask for your account to be in the video group) and try again.\n\nDetails: /dev/video0: permission denied"
	if err.Error() != want {
		t.Errorf("message %q", err.Error())
	}
	for _, r := range []Reason{None, Busy, Denied, Unsupported, Broken} {
		if s := r.Error(); len(s) < 20 || s[len(s)-1] != '.' {
			t.Errorf("reason %d says %q: not a sentence", r, s)
		}
	}
}

func TestCameraPreviewChoosesAmongCameras(t *testing.T) {
	test.NewTempApp(t)
	shelf := NewShelf()
	shelf.Add("Front camera", cats(t, 2), 0, false)
	shelf.Add("USB camera", cats(t, 3)[2:], 0, false)
	clock := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { clock = clock.Add(time.Second); return clock }
	p := NewPreview(shelf, context.Background(), func(job func()) { job() }, now)
	var frames []image.Point
	p.OnFrame = func(img image.Image) { frames = append(frames, img.Bounds().Size()) }
	p.Start()
	if !p.Choice.Visible() || !slices.Equal(p.Choice.Options, []string{"Front camera", "USB camera"}) {
		t.Fatalf("the choice shows %v (visible %v)", p.Choice.Options, p.Choice.Visible())
	}
	if len(frames) != 2 || len(shelf.Opened("Front camera")) != 1 || len(shelf.Opened("USB camera")) != 0 {
		t.Fatalf("the first camera was not the one played: %d frames", len(frames))
	}
	// The clock moves a second a frame: the second frame closes a window.
	if p.Image.Image == nil || p.Rate.Text != "1.0 pictures a second" {
		t.Errorf("a frame shown: %v; rate %q", p.Image.Image != nil, p.Rate.Text)
	}
	p.Choice.SetSelected("USB camera")
	usb := shelf.Opened("USB camera")
	if len(usb) != 1 || usb[0].Reads() != 1 || !shelf.Opened("Front camera")[0].Closed() {
		t.Fatalf("switching cameras: USB opened %d times; the front camera released: %v", len(usb), shelf.Opened("Front camera")[0].Closed())
	}
	if p.Message.Text != "The camera stopped sending pictures." {
		t.Errorf("message %q", p.Message.Text)
	}

	one := NewShelf()
	one.Add("Only camera", cats(t, 1), 0, false)
	single := NewPreview(one, context.Background(), func(job func()) { job() }, now)
	single.Start()
	if single.Choice.Visible() {
		t.Error("a choice of one camera is shown")
	}
	none := NewPreview(NewShelf(), context.Background(), func(job func()) { job() }, now)
	none.Start()
	if none.Message.Text != None.Error() {
		t.Errorf("without a camera the preview says %q", none.Message.Text)
	}
}

func TestCameraRateMeter(t *testing.T) {
	var m RateMeter
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	var got []string
	for i := 0; i <= 12; i++ { // a frame every 100 ms for 1.2 s
		if r, ok := m.Tick(start.Add(time.Duration(i) * 100 * time.Millisecond)); ok {
			got = append(got, FormatRate(r))
		}
	}
	if !slices.Equal(got, []string{"10"}) {
		t.Errorf("rates %v, want one window of 10 a second", got)
	}
	if FormatRate(2.46) != "2.5" || FormatRate(29.6) != "30" {
		t.Errorf("FormatRate: %s, %s", FormatRate(2.46), FormatRate(29.6))
	}
}
