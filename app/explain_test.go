//go:build ci

package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"transferlab/ui/heatmap"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

// TestTryItHeatmapWithTheRealEngine trains the demo (case 4, 64 pixels, two
// epochs) with the real engine, after checking the Model screen's strip of
// training versions, then switches on Try it's heatmap: the
// engine's Grad-CAM overlay, the 64×64 picture the network saw, replaces
// the picture, and the sentence under it names the answer.
func TestTryItHeatmapWithTheRealEngine(t *testing.T) {
	demoDir := filepath.Join(t.TempDir(), "demo")
	u := newWindow(t, window.WithDemoDir(demoDir))
	uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenPictures), "Try the demo")
	// The demo trains case 4: the Model screen shows what the network will
	// see, six 64×64 versions drawn by the training's own code.
	model := uitest.Screen(t, u, uitest.ScreenModel)
	uitest.Label(t, model, "What the network will see")
	versions := 0
	for _, img := range uitest.Find[*canvas.Image](model) {
		if img.Image != nil && img.Image.Bounds().Dx() == 64 && img.Image.Bounds().Dy() == 64 {
			versions++
		}
	}
	if versions != 6 {
		t.Errorf("%d versions of 64×64 pixels on the Model screen, want 6", versions)
	}
	uitest.SetAdvanced(t, u, "Epochs", "2")
	uitest.Screen(t, u, uitest.ScreenTrain)
	uitest.Train(t, u)

	try := uitest.Screen(t, u, uitest.ScreenTry)
	uitest.Drop(u, filepath.Join(demoDir, "circles", "circles-01.png"))
	pictures := uitest.Find[*heatmap.Picture](try)
	if len(pictures) != 1 {
		t.Fatalf("%d heatmap pictures on Try it", len(pictures))
	}
	p := pictures[0]
	test.Tap(p.Toggle())
	if !p.Showing() {
		t.Fatalf("no heatmap after the tap; note %q", p.Note())
	}
	if !strings.Contains(p.Note(), "the model said") && !strings.Contains(p.Note(), "made the model say") {
		t.Errorf("note %q", p.Note())
	}
	if b := p.Overlay().Bounds(); b.Dx() != 64 || b.Dy() != 64 {
		t.Errorf("overlay %v, want the 64×64 picture the network saw", b)
	}
}
