package window

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/internal/shareddata"
	"transferlab/ui"
	"transferlab/ui/uitest"
)

// catsDogs is the shared catsdogs-60 dataset: 30 cats, 30 dogs.
func catsDogs(t *testing.T) string {
	return shareddata.Path(t, "datasets/catsdogs-60")
}

// stepClock is a clock that advances a fixed step on every reading.
type stepClock struct {
	now  time.Time
	step time.Duration
}

func (c *stepClock) Now() time.Time {
	c.now = c.now.Add(c.step)
	return c.now
}

// newTestApp builds the UI on a fresh test app with the fake engine,
// synchronous jobs and saving on every change.
func newTestApp(t *testing.T, eng ui.Engine, opts ...Option) *App {
	t.Helper()
	return newTestAppOn(t, test.NewTempApp(t), eng, opts...)
}

// newTestAppOn is newTestApp on the Fyne app a: windows of one app share
// its preferences, as the app's runs on one computer do.
func newTestAppOn(t *testing.T, a fyne.App, eng ui.Engine, opts ...Option) *App {
	t.Helper()
	clock := &stepClock{now: time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC), step: time.Second}
	base := []Option{WithLauncher(uitest.Inline), WithAutosaveDelay(0), WithWorkDir(t.TempDir()), WithClock(clock.Now)}
	u := New(a, eng, append(base, opts...)...)
	t.Cleanup(func() {
		if u.ctx.Err() == nil { // not closed by the test itself
			u.stop()
			u.win.Close()
		}
	})
	return u
}

// topOverlay returns the dialog on top of the window, failing if none.
func topOverlay(t *testing.T, u *App) fyne.CanvasObject {
	t.Helper()
	o := u.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is open")
	}
	return o
}

// showsLabel reports whether a label under o reads exactly text: the
// screens' own widgets are theirs, so the window's tests read what they show.
func showsLabel(o fyne.CanvasObject, text string) bool {
	return slices.Contains(uitest.Labels(o), text)
}

// chooseNetwork picks network i (in the fake's order) on the Model screen.
func chooseNetwork(t *testing.T, u *App, i int) {
	t.Helper()
	lists := uitest.Find[*widget.List](uitest.Screen(t, u, uitest.ScreenModel))
	if len(lists) != 1 {
		t.Fatalf("the Model screen has %d lists, want the networks", len(lists))
	}
	lists[0].Select(i)
}

// chosenCase is the case the Model screen shows as chosen.
func chosenCase(t *testing.T, u *App) string {
	t.Helper()
	radios := uitest.Find[*widget.RadioGroup](u.model.Content())
	if len(radios) != 1 {
		t.Fatalf("the Model screen has %d radio groups, want the cases", len(radios))
	}
	return radios[0].Selected
}

// advancedEntry is the Model screen's advanced setting called name.
func advancedEntry(t *testing.T, u *App, name string) *widget.Entry {
	t.Helper()
	for _, f := range uitest.Find[*widget.Form](u.model.Content()) {
		for _, it := range f.Items {
			if e, ok := uitest.FormWidget(it).(*widget.Entry); ok && it.Text == name {
				return e
			}
		}
	}
	t.Fatalf("no advanced setting %q", name)
	return nil
}
