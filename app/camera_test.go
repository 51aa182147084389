//go:build ci

package app

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/bmp"
	"golang.org/x/image/draw"

	"transferlab/engine/cases"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
	"transferlab/ui"
	"transferlab/ui/camera"
	"transferlab/ui/chart"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

// TestLiveCameraWithTheRealEngine trains case 1 on catsdogs-60 with the
// real engine, opens Try it's live camera on two test cameras (a cat's
// picture and a dog's, chosen in the window's camera list) and checks the
// answers shown are the engine's answers to the same frames saved as files.
func TestLiveCameraWithTheRealEngine(t *testing.T) {
	shelf := camera.NewShelf()
	catFile := shareddata.Path(t, "datasets/catsdogs-60/cat/cat-05.jpg")
	dogFile := shareddata.Path(t, "datasets/catsdogs-60/dog/dog-05.jpg")
	shelf.Add("Cat camera", []string{catFile}, 0, false)
	shelf.Add("Dog camera", []string{dogFile}, 0, false)
	u := newWindow(t, window.WithCameras(shelf))
	u.ImportWeights(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	uitest.Drop(u, shareddata.Copy(t, "datasets/catsdogs-60"))
	uitest.ChooseCase(t, u, cases.FrozenBackbone)
	uitest.Train(t, u)

	uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenTry), "Live camera...")
	wins := fyne.CurrentApp().Driver().AllWindows()
	live := wins[len(wins)-1]
	if live.Title() != "Live camera" {
		t.Fatalf("the last window is %q", live.Title())
	}
	saved := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(saved); err != nil {
		t.Fatal(err)
	}
	p, err := project.Load(saved)
	if err != nil {
		t.Fatal(err)
	}
	classifier := p.LastRun().Result.ClassifierPath
	check := func(name string, opened *camera.Slideshow, label string) {
		t.Helper()
		frame := filepath.Join(t.TempDir(), name+"-frame.png")
		savePNG(t, frame, opened.Frame(0))
		eng, _ := NewEngine() // a second session on the same cache, as the command line would be
		want, err := eng.Predict(t.Context(), classifier, frame, 5)
		if err != nil {
			t.Fatal(err)
		}
		shares := uitest.Find[*chart.Share](live.Content())
		if len(shares) != len(want) {
			t.Fatalf("%s: %d answers shown, the engine gives %d", name, len(shares), len(want))
		}
		for i, s := range shares {
			if s.Value() != want[i].Prob {
				t.Errorf("%s: answer %d shows %v, the engine says %v for the frame saved as a file", name, i, s.Value(), want[i].Prob)
			}
		}
		verdict := uitest.Label(t, live.Content(), "The model says ")
		if !strings.HasPrefix(verdict, "The model says "+want[0].Label+" (") || want[0].Label != label {
			t.Errorf("%s: %q; the engine says %s for the file, want %s", name, verdict, want[0].Label, label)
		}
		t.Logf("%s: %s", name, verdict)
	}
	check("cat", shelf.Opened("Cat camera")[0], "cat")

	choice := uitest.Find[*widget.Select](live.Content())[0]
	choice.SetSelected("Dog camera")
	check("dog", shelf.Opened("Dog camera")[0], "dog")
	live.Close()
	if !shelf.Opened("Cat camera")[0].Closed() || !shelf.Opened("Dog camera")[0].Closed() {
		t.Error("a camera was not released")
	}
}

func savePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkLiveCameraAnswer times what each Live camera answer costs the
// real engine: a 640×480 frame written as the scratch BMP and classified
// by a case-1 SqueezeNet model (trained once, on catsdogs-60). Its
// inverse is the most answers a second the window can show.
func BenchmarkLiveCameraAnswer(b *testing.B) {
	b.Setenv(weights.CacheEnv, b.TempDir())
	eng, err := NewEngine()
	if err != nil {
		b.Fatal(err)
	}
	if err := eng.ImportWeights("squeezenet1_1", shareddata.Path(b, "weights/squeezenet1_1-imagenet.pth")); err != nil {
		b.Fatal(err)
	}
	ds, err := eng.Scan(b.Context(), []string{shareddata.Path(b, "datasets/catsdogs-60")}, func(int, int) {})
	if err != nil {
		b.Fatal(err)
	}
	res, err := eng.Train(b.Context(), ui.TrainRequest{Network: "squeezenet1_1", Case: cases.FrozenBackbone,
		Classes: ds.Classes, ValShare: 0.2, Epochs: 3, OutDir: b.TempDir()}, func(ui.TrainEvent) {})
	if err != nil {
		b.Fatal(err)
	}
	show, err := camera.NewSlideshow([]string{shareddata.Path(b, "datasets/catsdogs-60/cat/cat-05.jpg")}, 0, true)
	if err != nil {
		b.Fatal(err)
	}
	cat, _ := show.Read(b.Context())
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480)) // the size the V4L2 driver asks for
	draw.ApproxBiLinear.Scale(frame, frame.Bounds(), cat, cat.Bounds(), draw.Src, nil)
	path := filepath.Join(b.TempDir(), "frame.bmp")
	b.ResetTimer()
	for range b.N {
		f, _ := os.Create(path)
		if err := bmp.Encode(f, frame); err != nil {
			b.Fatal(err)
		}
		f.Close()
		if _, err := eng.Predict(b.Context(), res.ClassifierPath, path, 5); err != nil {
			b.Fatal(err)
		}
	}
}
