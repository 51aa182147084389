package model

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// catsDogs is the shared catsdogs-60 dataset: 30 cats, 30 dogs.
func catsDogs(t *testing.T) string {
	return shareddata.Path(t, "datasets/catsdogs-60")
}

// newBench shows the screen alone on a test window, with a new project.
func newBench(t *testing.T, eng *fakeengine.Engine) (*uitest.Bench, *Screen) {
	t.Helper()
	b := uitest.NewBench(test.NewTempApp(t), eng)
	t.Cleanup(b.Close)
	m := New(b.Host, b.Store)
	b.Show(m.Content())
	b.Store.Open(project.New(), "")
	return b, m
}
