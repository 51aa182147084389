package heatmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

// TestToggleShowsTheHeatmap taps the switch on and off: the engine is asked
// once per picture, the overlay replaces the picture and a sentence names
// the answer; a new picture with the switch on is explained at once.
func TestToggleShowsTheHeatmap(t *testing.T) {
	eng := fakeengine.New()
	b := uitest.NewBench(test.NewTempApp(t), eng)
	t.Cleanup(b.Close)
	p := New(b.Host, 200)
	b.Show(p)
	if !p.Toggle().Disabled() {
		t.Error("switch enabled without a picture")
	}
	clf := filepath.Join(t.TempDir(), "model.tlc")
	if err := os.WriteFile(clf, []byte(`["cat","dog"]`), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := shareddata.Path(t, "datasets/catsdogs-60")
	cat, dog := filepath.Join(dir, "cat", "cat-07.jpg"), filepath.Join(dir, "dog", "dog-03.jpg")

	p.Set(cat, clf, -1)
	if p.Showing() || eng.Explained != 0 || p.image.File != cat {
		t.Fatalf("before the tap: showing %v, %d engine calls, picture %q", p.Showing(), eng.Explained, p.image.File)
	}
	test.Tap(p.Toggle())
	if !p.Showing() || eng.Explained != 1 || p.image.Image == nil || p.image.File != "" {
		t.Fatalf("after the tap: showing %v, %d engine calls, overlay %v", p.Showing(), eng.Explained, p.image.Image != nil)
	}
	if !strings.Contains(p.Note(), "“cat”") {
		t.Errorf("note %q does not name the answer", p.Note())
	}
	if p.busy.Visible() {
		t.Error("spinner still visible")
	}
	test.Tap(p.Toggle())
	if p.Showing() || p.image.File != cat || p.Note() != "" {
		t.Errorf("switched off: showing %v, picture %q, note %q", p.Showing(), p.image.File, p.Note())
	}
	test.Tap(p.Toggle())
	if !p.Showing() || eng.Explained != 1 {
		t.Errorf("switched on again: showing %v after %d engine calls, want the kept heatmap", p.Showing(), eng.Explained)
	}

	p.Set(dog, clf, -1)
	if !p.Showing() || eng.Explained != 2 || !strings.Contains(p.Note(), "“dog”") {
		t.Errorf("new picture with the switch on: showing %v, %d calls, note %q", p.Showing(), eng.Explained, p.Note())
	}

	bad := filepath.Join(t.TempDir(), "broken.jpg")
	os.WriteFile(bad, []byte("not a jpeg"), 0o644)
	p.Set(bad, clf, -1)
	if p.Showing() || p.Toggle().Checked || !strings.HasPrefix(p.Note(), "Could not work out where the model looked: ") {
		t.Errorf("broken picture: showing %v, switch %v, note %q", p.Showing(), p.Toggle().Checked, p.Note())
	}

	p.Clear()
	if !p.Toggle().Disabled() || p.File() != "" {
		t.Errorf("cleared: switch enabled %v, file %q", !p.Toggle().Disabled(), p.File())
	}
}

// TestOlderHeatmapIsIgnored: jobs finish late and out of order; the
// heatmap of a picture no longer shown never replaces the current one, and
// the spinner turns while the current one is being worked out.
func TestOlderHeatmapIsIgnored(t *testing.T) {
	eng := fakeengine.New()
	b := uitest.NewBench(test.NewTempApp(t), eng)
	t.Cleanup(b.Close)
	var pending []func()
	b.Host.Launch = func(job func()) { pending = append(pending, job) }
	p := New(b.Host, 200)
	b.Show(p)
	clf := filepath.Join(t.TempDir(), "model.tlc")
	if err := os.WriteFile(clf, []byte(`["cat","dog"]`), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := shareddata.Path(t, "datasets/catsdogs-60")
	cat, dog := filepath.Join(dir, "cat", "cat-07.jpg"), filepath.Join(dir, "dog", "dog-03.jpg")
	p.Set(cat, clf, -1)
	test.Tap(p.Toggle())
	p.Set(dog, clf, -1) // the switch is on: the dog's job starts too
	if len(pending) != 2 || !p.busy.Visible() {
		t.Fatalf("%d jobs, spinner %v", len(pending), p.busy.Visible())
	}
	pending[0]() // the cat's answer, late
	if p.Showing() || !p.busy.Visible() {
		t.Errorf("after the old answer: showing %v, spinner %v", p.Showing(), p.busy.Visible())
	}
	pending[1]()
	if !p.Showing() || p.busy.Visible() || !strings.Contains(p.Note(), "“dog”") {
		t.Errorf("after the current answer: showing %v, spinner %v, note %q", p.Showing(), p.busy.Visible(), p.Note())
	}
	// Switched off while a job runs, then another picture: no spinner is
	// left turning for the job whose answer will be ignored.
	p.Set(cat, clf, -1)
	test.Tap(p.Toggle()) // off
	test.Tap(p.Toggle()) // on: the cat's job starts
	test.Tap(p.Toggle()) // off again before it ends
	p.Set(dog, clf, -1)
	if p.busy.Visible() {
		t.Error("spinner turning for a picture no longer shown")
	}
}
