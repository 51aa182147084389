package pictures

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

func TestDemoFailureIsShownInTheWindow(t *testing.T) {
	eng := fakeengine.New()
	eng.DemoErr = errors.New("disk full")
	b, d := newBench(t, eng, t.TempDir())
	test.Tap(uitest.Button(t, d.content, "Try the demo"))
	dlg := b.Overlay(t)
	if !uitest.HasLabel(dlg, "disk full") {
		t.Errorf("dialog = %v", uitest.Labels(dlg))
	}
	if len(b.Store.Project().Images()) != 0 || b.Store.Project().Settings().Case != cases.None || d.welcome.demo.Disabled() {
		t.Errorf("after a failed demo: %d pictures, case %d, button disabled %v", len(b.Store.Project().Images()), b.Store.Project().Settings().Case, d.welcome.demo.Disabled())
	}
}

func TestEmptyProjectOffersTheDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	eng := fakeengine.New()
	eng.Available = map[string]bool{} // a fresh computer: no weights at all
	b, d := newBench(t, eng, dir)
	if !d.welcome.content.Visible() || len(d.notices.Objects) != 0 {
		t.Fatalf("empty project: welcome shown %v, notices %v", d.welcome.content.Visible(), uitest.Labels(d.notices))
	}
	if !uitest.HasLabel(d.welcome.content, "draws 120 small pictures of circles, squares and triangles") {
		t.Errorf("welcome text = %v", uitest.Labels(d.welcome.content))
	}
	test.Tap(uitest.Button(t, d.content, "Try the demo"))

	if got := b.Store.Project().Classes(); !slices.Equal(got, []string{"circles", "squares", "triangles"}) {
		t.Fatalf("classes after the demo = %v", got)
	}
	for _, c := range b.Store.Project().Classes() {
		imgs := b.Store.Project().ImagesOf(c)
		if len(imgs) != 40 || !strings.HasPrefix(imgs[0], dir) {
			t.Errorf("class %s: %d pictures, first %q; want 40 under %s", c, len(imgs), imgs[0], dir)
		}
	}
	s := b.Store.Project().Settings()
	if s.Case != cases.FromScratch || s.ImageSize != 64 || s.Network != "squeezenet1_1" {
		t.Errorf("demo settings = %+v, want case 4 at 64 pixels with squeezenet1_1", s)
	}
	if d.welcome.content.Visible() {
		t.Error("the welcome panel stays after pictures arrived")
	}
	// Removing every picture brings the welcome back.
	b.Store.Open(project.New(), "") // as File > New project does
	if !d.welcome.content.Visible() {
		t.Error("a new empty project does not offer the demo")
	}
}
