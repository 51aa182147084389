package pictures

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
	"transferlab/ui/uitest"
)

// catsDogs is the shared catsdogs-60 dataset: 30 cats, 30 dogs.
func catsDogs(t testing.TB) string {
	return shareddata.Path(t, "datasets/catsdogs-60")
}

// newBench shows the screen alone on a test window, with a new project;
// the demo draws in demoDir. The window's keys reach the screen, as the
// main window routes them while Pictures is shown.
func newBench(t testing.TB, eng *fakeengine.Engine, demoDir string) (*uitest.Bench, *Screen) {
	return newBenchWith(t, eng, demoDir, uitest.Inline)
}

// newBenchWith is newBench with thumbnails decoded in jobs started by
// launch, so a test can see which are decoded and when.
func newBenchWith(t testing.TB, eng *fakeengine.Engine, demoDir string, launch func(func())) (*uitest.Bench, *Screen) {
	t.Helper()
	b := uitest.NewBench(test.NewTempApp(t), eng)
	t.Cleanup(b.Close)
	d := New(b.Host, b.Store, thumbs.NewCache(launch, 112), 112, demoDir)
	b.Show(d.Content())
	c := b.Win.Canvas()
	c.SetOnTypedRune(d.TypedRune)
	c.SetOnTypedKey(d.TypedKey)
	b.Store.Open(project.New(), "")
	return b, d
}

// add adds folders and pictures, as dropping them on the window does.
func add(d *Screen, paths ...string) { d.Add(paths) }
