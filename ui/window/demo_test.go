package window

import (
	"path/filepath"
	"testing"

	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

// The demo's settings reach the other screens: the Model screen shows
// case 4 needing no weights and the picture size, the Train screen is ready.
func TestDemoSetsUpModelAndTrain(t *testing.T) {
	eng := fakeengine.New()
	eng.Available = map[string]bool{} // a fresh computer: no weights at all
	u := newTestApp(t, eng, WithDemoDir(filepath.Join(t.TempDir(), "demo")))
	uitest.Tap(t, u.pictures.Content(), "Try the demo")
	// The Model screen shows case 4 and that it needs no weights; the
	// Train screen is ready.
	u.selectTab(host.Model)
	if chosenCase(t, u) != "Case 4: Many pictures, unusual subjects" ||
		!uitest.HasLabel(u.model.Content(), "does not need the pretrained weights") {
		t.Errorf("model screen: case %q, labels %q", chosenCase(t, u), uitest.Labels(u.model.Content()))
	}
	if size := advancedEntry(t, u, "Picture size (pixels)").Text; size != "64" {
		t.Errorf("picture size shown %q, want 64", size)
	}
	u.selectTab(host.Train)
	if startButton(t, u).Disabled() || !uitest.HasLabel(u.train.Content(), "case 4 (Many pictures, unusual subjects): 120 pictures in 3 classes scaled to 64×64 pixels") {
		t.Errorf("train screen: %q (start enabled %v)", uitest.Labels(u.train.Content()), !startButton(t, u).Disabled())
	}
}
