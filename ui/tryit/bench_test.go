package tryit

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
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
func newBench(t *testing.T) (*uitest.Bench, *Screen) {
	t.Helper()
	b := uitest.NewBench(test.NewTempApp(t), fakeengine.New())
	t.Cleanup(b.Close)
	s := New(b.Host, b.Store)
	b.Show(s.Content())
	b.Store.Open(project.New(), "")
	return b, s
}

// train trains catsdogs-60 as the window's tests do: SqueezeNet, case 1,
// 5 epochs of 16.
func train(t *testing.T, b *uitest.Bench) {
	t.Helper()
	b.AddPictures(t, catsDogs(t))
	b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 5, 16, t.TempDir())
}
