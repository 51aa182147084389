package window

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/uitest"
)

func TestEmptyProjectOffersTheDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	eng := fakeengine.New()
	eng.Available = map[string]bool{} // a fresh computer: no weights at all
	u := newTestApp(t, eng, WithDemoDir(dir))
	d := u.data
	if !d.welcome.content.Visible() || len(d.notices.Objects) != 0 {
		t.Fatalf("empty project: welcome shown %v, notices %v", d.welcome.content.Visible(), texts(d.notices))
	}
	if !hasText(d.welcome.content, "draws 120 small pictures of circles, squares and triangles") {
		t.Errorf("welcome text = %v", texts(d.welcome.content))
	}
	test.Tap(button(t, d.content, "Try the demo"))

	if got := u.store.Project().Classes(); !slices.Equal(got, []string{"circles", "squares", "triangles"}) {
		t.Fatalf("classes after the demo = %v", got)
	}
	for _, c := range u.store.Project().Classes() {
		imgs := u.store.Project().ImagesOf(c)
		if len(imgs) != 40 || !strings.HasPrefix(imgs[0], dir) {
			t.Errorf("class %s: %d pictures, first %q; want 40 under %s", c, len(imgs), imgs[0], dir)
		}
	}
	s := u.store.Project().Settings()
	if s.Case != cases.FromScratch || s.ImageSize != 64 || s.Network != "squeezenet1_1" {
		t.Errorf("demo settings = %+v, want case 4 at 64 pixels with squeezenet1_1", s)
	}
	if d.welcome.content.Visible() {
		t.Error("the welcome panel stays after pictures arrived")
	}
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
	// Removing every picture brings the welcome back.
	u.newProject()
	if !u.data.welcome.content.Visible() {
		t.Error("a new empty project does not offer the demo")
	}
}

func TestDemoFailureIsShownInTheWindow(t *testing.T) {
	eng := fakeengine.New()
	eng.DemoErr = errors.New("disk full")
	u := newTestApp(t, eng, WithDemoDir(t.TempDir()))
	test.Tap(button(t, u.data.content, "Try the demo"))
	dlg := topOverlay(t, u)
	if !hasText(dlg, "disk full") {
		t.Errorf("dialog = %v", texts(dlg))
	}
	if len(u.store.Project().Images()) != 0 || u.store.Project().Settings().Case != cases.None || u.data.welcome.demo.Disabled() {
		t.Errorf("after a failed demo: %d pictures, case %d, button disabled %v", len(u.store.Project().Images()), u.store.Project().Settings().Case, u.data.welcome.demo.Disabled())
	}
}
