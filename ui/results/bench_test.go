package results

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
	"transferlab/ui/uitest"
)

// newBench shows the screen alone on a test window, with a new project.
func newBench(t *testing.T) (*uitest.Bench, *Screen) {
	t.Helper()
	b := uitest.NewBench(test.NewTempApp(t), fakeengine.New())
	t.Cleanup(b.Close)
	r := New(b.Host, b.Store, thumbs.NewCache(uitest.Inline, 112))
	b.Show(r.Content())
	b.Store.Open(project.New(), "")
	return b, r
}

// trained returns a bench whose store holds a run on catsdogs-60 with the
// fake (SqueezeNet, case 1, 5 epochs of 16): 12 validation pictures (6 per
// class), 3 of them wrong.
func trained(t *testing.T) (*uitest.Bench, *Screen) {
	t.Helper()
	b, r := newBench(t)
	b.AddPictures(t, shareddata.Path(t, "datasets/catsdogs-60"))
	b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 5, 16, t.TempDir())
	return b, r
}
