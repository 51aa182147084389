//go:build ci

// Command screenshots renders TransferLab's main screens to PNG files with
// Fyne's software renderer: no display, no GPU. It drives the real window
// with the real engine, as a user would: the welcome and the demo's
// pictures on an empty computer (welcome.png, pictures-demo.png), then
// catsdogs-60 from the shared test data with the shared SqueezeNet weights:
// case 1 (model.png), training half-way (training.png), the results
// (results.png), "Try it" on a photo it never saw (try-it.png), and the
// four-cases lesson: its comparison and conclusion (lesson.png) and the
// Results screen with the runs (runs.png).
//
//	go run -tags ci ./scripts/screenshots [-data ../shared/data] [-out docs/screenshots]
//
// scripts/screenshots.sh runs it from the repository root.
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/app"
	"transferlab/engine/cases"
	"transferlab/engine/weights"
	"transferlab/ui"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

func main() {
	data := flag.String("data", defaultData(), "the shared data folder (weights/, datasets/, images/)")
	out := flag.String("out", "docs/screenshots", "where the PNG files go")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		log.Fatal(err)
	}
}

// defaultData is $TRANSFERLAB_DATA, else ../shared/data.
func defaultData() string {
	if d := os.Getenv("TRANSFERLAB_DATA"); d != "" {
		return d
	}
	return filepath.Join("..", "shared", "data")
}

// shooter saves captures of one window.
type shooter struct {
	u   *window.App
	out string
}

func (s shooter) shot(name string) {
	// The test canvas, unlike a real window, does not lay out again when
	// a widget's minimum size changes; do it from the top down.
	for _, c := range uitest.Find[*fyne.Container](s.u.Window().Content()) {
		c.Refresh()
	}
	img := s.u.Window().Canvas().Capture()
	path := filepath.Join(s.out, name+".png")
	if err := writePNG(path, img); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%dx%d)\n", path, img.Bounds().Dx(), img.Bounds().Dy())
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// newWindow builds the real UI with the real engine on Fyne's test driver
// (software rendering), in the light theme, with a cache and work folders
// under tmp so nothing of the user's is read or written.
func newWindow(tmp string, opts ...window.Option) (*window.App, *capturingEngine, error) {
	os.Setenv(weights.CacheEnv, filepath.Join(tmp, "cache"))
	real, err := app.NewEngine()
	if err != nil {
		return nil, nil, err
	}
	eng := &capturingEngine{Engine: real}
	a := test.NewApp()
	a.Preferences().SetString("look.theme", "light")
	base := []window.Option{
		window.WithLauncher(uitest.Inline), window.WithAutosaveDelay(time.Hour),
		window.WithWorkDir(filepath.Join(tmp, "models")), window.WithDemoDir(filepath.Join(tmp, "demo")),
	}
	u := window.New(a, eng, append(base, opts...)...)
	u.Window().Resize(fyne.NewSize(1100, 760))
	return u, eng, nil
}

// capturingEngine is the real engine with a hook that sees each training
// event after the window did, to capture the Train screen mid-way.
type capturingEngine struct {
	*app.Engine
	onEvent func(ui.TrainEvent)
}

func (e *capturingEngine) Train(ctx context.Context, req ui.TrainRequest, progress func(ui.TrainEvent)) (ui.TrainResult, error) {
	return e.Engine.Train(ctx, req, func(ev ui.TrainEvent) {
		progress(ev)
		if e.onEvent != nil {
			e.onEvent(ev)
		}
	})
}

func run(data, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "transferlab-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	must := uitest.Must{}

	// 1. A fresh computer: the welcome with the demo, then the demo's
	// pictures, set up for case 4.
	u, _, err := newWindow(filepath.Join(tmp, "demo-run"))
	if err != nil {
		return err
	}
	s := shooter{u, out}
	uitest.Screen(must, u, uitest.ScreenPictures)
	s.shot("welcome")
	uitest.Tap(must, uitest.Screen(must, u, uitest.ScreenPictures), "Try the demo")
	s.shot("pictures-demo")
	u.Window().Close()

	// 2. Real photos: catsdogs-60 with the SqueezeNet weights, case 1.
	catsdogs := filepath.Join(data, "datasets", "catsdogs-60")
	weightsFile := filepath.Join(data, "weights", "squeezenet1_1-imagenet.pth")
	for _, p := range []string{catsdogs, weightsFile} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("shared data missing (set -data or TRANSFERLAB_DATA): %w", err)
		}
	}
	u, eng, err := newWindow(filepath.Join(tmp, "catsdogs-run"))
	if err != nil {
		return err
	}
	s = shooter{u, out}
	uitest.Screen(must, u, uitest.ScreenModel)
	u.ImportWeights(weightsFile)
	uitest.Drop(u, catsdogs)
	uitest.ChooseCase(must, u, cases.FrozenBackbone)
	uitest.SetAdvanced(must, u, "Validation share (%)", "30")
	model := uitest.Screen(must, u, uitest.ScreenModel)
	for _, a := range uitest.Find[*widget.Accordion](model) {
		a.CloseAll()
	}
	for _, l := range uitest.Find[*widget.List](model) {
		l.ScrollToTop()
	}
	s.shot("model")

	eng.onEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 25 {
			s.shot("training")
		}
	}
	uitest.Train(must, u)
	eng.onEvent = nil
	s.shot("results")

	uitest.Screen(must, u, uitest.ScreenTry)
	uitest.Drop(u, filepath.Join(data, "images", "imagenet-samples", "cat.bmp"))
	s.shot("try-it")

	// 3. The four-cases lesson on the same pictures, at 112 pixels so the
	// whole-network cases take a minute or two on a laptop CPU: its
	// comparison under the conclusion, then the Results screen with the
	// runs and the lesson's card.
	uitest.SetAdvanced(must, u, "Picture size (pixels)", "112")
	uitest.Tap(must, uitest.Screen(must, u, uitest.ScreenTrain), "Compare the four cases")
	s.shot("lesson")
	if top := u.Window().Canvas().Overlays().Top(); top != nil {
		top.Hide()
	}
	uitest.Screen(must, u, uitest.ScreenResults)
	s.shot("runs")
	u.Window().Close()
	return nil
}
