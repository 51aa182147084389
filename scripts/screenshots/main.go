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
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/app"
	"transferlab/engine/cases"
	"transferlab/engine/weights"
	"transferlab/ui"
	"transferlab/ui/language"
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
	u.Window().Resize(fyne.NewSize(1366, 688)) // a school laptop's 1366×768, less title and task bars
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
	showHeatmap(must, u)
	s.shot("try-it-heatmap")

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

	if err := suggestions(data, weightsFile, filepath.Join(tmp, "suggest-run"), out); err != nil {
		return err
	}
	return inGerman(catsdogs, weightsFile, filepath.Join(tmp, "german-run"), out)
}

// showHeatmap switches on Try it's "Show what it looked at".
func showHeatmap(must uitest.Must, u *window.App) {
	for _, c := range uitest.Find[*widget.Check](uitest.Screen(must, u, uitest.ScreenTry)) {
		if c.Text == "Show what it looked at" {
			c.SetChecked(true)
			return
		}
	}
	log.Fatal("Try it has no heatmap switch")
}

// suggestions labels 12 ants and 12 bees, adds 30 more ants/bees photos as
// loose pictures, and shows the classes the app suggests for them
// (suggestions.png).
func suggestions(data, weightsFile, tmp, out string) error {
	labelled := filepath.Join(tmp, "labelled")
	var loose []string
	for _, class := range []string{"ants", "bees"} {
		src := filepath.Join(data, "datasets", "hymenoptera", "train", class)
		files, err := filepath.Glob(filepath.Join(src, "*.jpg"))
		if err != nil || len(files) < 27 {
			return fmt.Errorf("shared data: %s has %d pictures, want 27 (%v)", src, len(files), err)
		}
		if err := os.MkdirAll(filepath.Join(labelled, class), 0o755); err != nil {
			return err
		}
		for _, f := range files[:12] {
			if err := os.Link(f, filepath.Join(labelled, class, filepath.Base(f))); err != nil {
				return err
			}
		}
		loose = append(loose, files[12:27]...)
	}
	u, _, err := newWindow(tmp)
	if err != nil {
		return err
	}
	must := uitest.Must{}
	u.ImportWeights(weightsFile)
	uitest.Drop(u, labelled)
	uitest.Drop(u, loose...)
	pictures := uitest.Screen(must, u, uitest.ScreenPictures)
	tapCard(pictures, "Unlabelled")
	for _, sc := range uitest.Find[*container.Scroll](u.Window().Content()) {
		sc.ScrollToBottom() // the suggestions sit below the grid
	}
	shooter{u, out}.shot("suggestions")
	u.Window().Close()
	return nil
}

// tapCard taps the class card whose title is title.
func tapCard(screen fyne.CanvasObject, title string) {
	var card fyne.Tappable
	uitest.Walk(screen, func(o fyne.CanvasObject) {
		if t, ok := o.(fyne.Tappable); ok && card == nil && uitest.HasLabel(o, title) {
			if _, isButton := o.(*widget.Button); !isButton {
				card = t
			}
		}
	})
	if card == nil {
		log.Fatalf("no card %q", title)
	}
	test.Tap(card)
}

// inGerman shows the Pictures and Model screens of catsdogs-60 in German
// (pictures-de.png, model-de.png), as a German computer starts the app.
func inGerman(catsdogs, weightsFile, tmp, out string) error {
	if err := language.Apply("de"); err != nil {
		return err
	}
	defer language.Apply("en")
	u, _, err := newWindow(tmp)
	if err != nil {
		return err
	}
	must := uitest.Must{}
	s := shooter{u, out}
	u.ImportWeights(weightsFile)
	uitest.Drop(u, catsdogs)
	uitest.Screen(must, u, uitest.ScreenPictures)
	s.shot("pictures-de")
	model := uitest.Screen(must, u, uitest.ScreenModel)
	for _, l := range uitest.Find[*widget.List](model) {
		l.ScrollToTop()
	}
	s.shot("model-de")
	u.Window().Close()
	return nil
}
