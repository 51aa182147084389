package training

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
func newBench(t *testing.T, eng *fakeengine.Engine) (*uitest.Bench, *Screen) {
	t.Helper()
	b := uitest.NewBench(test.NewTempApp(t), eng)
	t.Cleanup(b.Close)
	tr := New(b.Host, b.Store, t.TempDir())
	b.Show(tr.Content())
	b.Store.Open(project.New(), "")
	return b, tr
}

// settle changes the project's settings as the Model screen would.
func settle(t *testing.T, b *uitest.Bench, change func(*project.Settings)) {
	t.Helper()
	s := b.Store.Project().Settings()
	change(&s)
	if err := b.Store.SetSettings(s); err != nil {
		t.Fatal(err)
	}
}

// readyToTrain adds catsdogs-60 and picks SqueezeNet (weights present),
// case 1, 5 epochs of batches of 16.
func readyToTrain(t *testing.T, eng *fakeengine.Engine) (*uitest.Bench, *Screen) {
	t.Helper()
	b, tr := newBench(t, eng)
	b.AddPictures(t, catsDogs(t))
	settle(t, b, func(s *project.Settings) {
		s.Network, s.Case, s.Epochs, s.BatchSize = "squeezenet1_1", cases.FrozenBackbone, 5, 16
	})
	return b, tr
}
