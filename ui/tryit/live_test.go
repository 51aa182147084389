package tryit

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"transferlab/ui"
	"transferlab/ui/camera"
	"transferlab/ui/chart"
	"transferlab/ui/uitest"
)

// testCamera puts a camera playing catsdogs-60's first n cats, once, on
// the bench.
func testCamera(t *testing.T, b *uitest.Bench, n int) *camera.Shelf {
	t.Helper()
	var cats []string
	for i := 1; i <= n; i++ {
		cats = append(cats, filepath.Join(catsDogs(t), "cat", fmt.Sprintf("cat-%02d.jpg", i)))
	}
	shelf := camera.NewShelf()
	shelf.Add("Test camera", cats, 0, false)
	b.Host.Cameras = shelf
	return shelf
}

// shown reads the live window's answers: labels and bar values.
func shown(v *liveView) ([]string, []float64) {
	var bars []float64
	for _, s := range uitest.Find[*chart.Share](v.answers) {
		bars = append(bars, s.Value())
	}
	return uitest.Labels(v.answers), bars
}

func TestLiveCameraAnswersAsPredictingTheFramesFromFiles(t *testing.T) {
	b, try := newBench(t)
	shelf := testCamera(t, b, 3)
	if !uitest.Button(t, try.Content(), "Live camera...").Disabled() {
		t.Error("Live camera is enabled before there is a model")
	}
	train(t, b)
	if uitest.Button(t, try.Content(), "Live camera...").Disabled() {
		t.Fatal("Live camera is disabled with a model")
	}
	v := try.openLive() // jobs run inline: the camera plays its three cats
	if v.answered != 3 {
		t.Fatalf("%d answers for 3 frames, with a model that is never busy", v.answered)
	}
	// The last frame, saved as a file, gets the same answers from the engine.
	show := shelf.Opened("Test camera")[0]
	file := filepath.Join(t.TempDir(), "frame-3.png")
	savePNG(t, file, show.Frame(2))
	want, err := b.Host.Engine.Predict(b.Host.Ctx, b.Store.Run().Result.ClassifierPath, file, topK)
	if err != nil {
		t.Fatal(err)
	}
	labels, bars := shown(v)
	if !slices.Equal(labels, predLabels(want)) || !slices.Equal(bars, predProbs(want)) {
		t.Errorf("live answers %v %v, from the file %v", labels, bars, want)
	}
	if !strings.HasPrefix(v.verdict.Text, "The model says "+want[0].Label) {
		t.Errorf("verdict %q", v.verdict.Text)
	}
	// The test clock moves a second at every reading; the preview and the
	// answers each read it once a frame: one answer every two seconds.
	if v.rate.Text != "0.5 answers a second" || v.preview.Rate.Text != "0.5 pictures a second" {
		t.Errorf("rates %q and %q", v.rate.Text, v.preview.Rate.Text)
	}
	if !show.Closed() || v.preview.Message.Text != "The camera stopped sending pictures." {
		t.Errorf("after its last picture the camera is released: %v; message %q", show.Closed(), v.preview.Message.Text)
	}
	v.win.Close()
	if _, err := os.Stat(v.scratch); !os.IsNotExist(err) {
		t.Errorf("the scratch folder %s is still there: %v", v.scratch, err)
	}
}

func TestLiveCameraDropsFramesWhileTheModelIsBusy(t *testing.T) {
	b, try := newBench(t)
	shelf := testCamera(t, b, 4)
	train(t, b)
	var q []func()
	b.Host.Launch = func(job func()) { q = append(q, job) }
	v := try.openLive()
	for len(q) > 0 {
		job := q[0]
		q = q[1:]
		job()
	}
	// The first frame went to the model; the camera's three others came
	// while it was busy (its job waited in the queue) and were only shown.
	if n := shelf.Opened("Test camera")[0].Reads(); n != 4 || v.answered != 1 {
		t.Errorf("%d frames read, %d answered; want 4 and 1", n, v.answered)
	}
	if labels, _ := shown(v); !slices.Equal(labels, []string{"cat", "dog"}) {
		t.Errorf("answers %v", labels)
	}
	v.win.Close()
}

func TestLiveCameraReleasedWhenTheWindowCloses(t *testing.T) {
	b, try := newBench(t)
	endless := camera.NewShelf()
	endless.Add("Endless camera", []string{filepath.Join(catsDogs(t), "dog", "dog-01.jpg")}, 0, true)
	b.Host.Cameras = endless
	train(t, b)
	var q []func()
	b.Host.Launch = func(job func()) { q = append(q, job) }
	v := try.openLive()
	answer := v.preview.OnFrame
	frames := 0
	v.preview.OnFrame = func(img image.Image) { // the user closes the window at the third frame
		if frames++; frames == 3 {
			v.win.Close()
		}
		answer(img)
	}
	for len(q) > 0 {
		job := q[0]
		q = q[1:]
		job()
	}
	show := endless.Opened("Endless camera")[0]
	if !show.Closed() || show.Reads() != 3 {
		t.Errorf("camera released: %v after %d frames; want released after 3", show.Closed(), show.Reads())
	}
	// The model's answer to the first frame came after the window closed
	// (its job waited in the queue): nothing to show it in.
	if v.answered != 0 {
		t.Errorf("%d answers shown after the window closed", v.answered)
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

func predLabels(ps []ui.Prediction) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Label)
	}
	return out
}

func predProbs(ps []ui.Prediction) []float64 {
	var out []float64
	for _, p := range ps {
		out = append(out, p.Prob)
	}
	return out
}
