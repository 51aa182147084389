package window

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// savedAndTrained trains catsdogs-60 (fake engine, case 1, 5 epochs) in a
// project saved first, so its model goes to the project's models folder.
func savedAndTrained(t *testing.T) (*App, string) {
	t.Helper()
	u := readyToTrain(t, fakeengine.New())
	path := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(path); err != nil {
		t.Fatal(err)
	}
	test.Tap(startButton(t, u))
	if u.store.Run() == nil {
		t.Fatal("training produced no result")
	}
	return u, path
}

// matrixCells are the texts of the Results screen's confusion matrix.
func matrixCells(u *App) []string {
	var out []string
	for _, b := range append(uitest.Buttons(u.results.Content(), " right"), uitest.Buttons(u.results.Content(), " wrong")...) {
		out = append(out, b.Text)
	}
	return out
}

func TestReopenRestoresResultsChartsAndTryIt(t *testing.T) {
	u, path := savedAndTrained(t)
	head := uitest.Label(t, u.results.Content(), "Validation accuracy ")
	cells, curve := matrixCells(u), accuracyChart(t, u).Values(1)
	clf := u.store.Run().Result.ClassifierPath
	if want := filepath.Join(filepath.Dir(path), "pets models", "run-1"); filepath.Dir(clf) != want {
		t.Errorf("the model went to %s, want the project's models folder %s", clf, want)
	}

	// Another app, another engine: only the project file carries the run.
	v := newTestApp(t, fakeengine.New(), WithProject(path))
	if got := uitest.Label(t, v.results.Content(), "Validation accuracy "); got != head {
		t.Errorf("reopened headline %q, want %q", got, head)
	}
	if got := matrixCells(v); len(cells) != 4 || !slices.Equal(got, cells) {
		t.Errorf("reopened confusion matrix %q, want %q", got, cells)
	}
	if got := accuracyChart(t, v).Values(1); len(curve) != 5 || !slices.Equal(got, curve) {
		t.Errorf("reopened accuracy chart %v, want %v", got, curve)
	}
	if !showsLabel(v.train.Content(), "Finished: validation accuracy 75.0%.") {
		t.Errorf("reopened Train screen says %q", uitest.Labels(v.train.Content()))
	}
	test.Tap(uitest.Button(t, v.results.Content(), "2 wrong")) // the pictures behind a cell come back too
	if !uitest.HasLabel(topOverlay(t, v), "Labelled cat, the model said dog: 2 pictures") {
		t.Errorf("cell dialog says %q", uitest.Labels(topOverlay(t, v)))
	}
	v.win.Canvas().Overlays().Top().Hide()
	v.selectTab(host.Try)
	uitest.Drop(v, filepath.Join(catsDogs(t), "cat", "cat-07.jpg"))
	if !showsLabel(v.try.Content(), "cat-07.jpg: the model says cat (80.0% sure).") {
		t.Errorf("Try it after reopening says %q", uitest.Labels(v.try.Content()))
	}
}

func TestReopenWithoutTheModelFileNamesItAndOpensTheRest(t *testing.T) {
	u, path := savedAndTrained(t)
	clf := u.store.Run().Result.ClassifierPath
	for _, c := range []struct {
		name, says string
		spoil      func() error
	}{
		{"deleted", "is missing", func() error { return os.Remove(clf) }},
		{"damaged", "cannot be used", func() error { return os.WriteFile(clf, []byte("not a model"), 0o644) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := c.spoil(); err != nil {
				t.Fatal(err)
			}
			v := newTestApp(t, fakeengine.New(), WithProject(path))
			if s := uitest.Status(v); !strings.Contains(s, clf) || !strings.Contains(s, c.says) {
				t.Errorf("status %q does not name %s as %q", s, clf, c.says)
			}
			if uitest.Dialog(v) != "" {
				t.Errorf("a dialog: %q", uitest.Dialog(v))
			}
			if got := len(v.store.Project().ImagesOf("cat")); got != 30 {
				t.Errorf("%d cats after reopening, want 30", got)
			}
			if !uitest.HasLabel(v.results.Content(), "Validation accuracy 75.0%") || !uitest.HasLabel(v.results.Content(), c.says) {
				t.Errorf("Results says %q", uitest.Labels(v.results.Content()))
			}
			v.selectTab(host.Try)
			if !uitest.HasLabel(v.try.Content(), clf) || !uitest.Button(t, v.try.Content(), "Choose a picture").Disabled() {
				t.Errorf("Try it says %q", uitest.Labels(v.try.Content()))
			}
		})
	}
}

// TestReopenAVersion1Project opens a file in the format before runs were
// kept (ui/project/testdata, written by that version's code).
func TestReopenAVersion1Project(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "project", "testdata", "version1.tlproj"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "old"+project.Extension)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The pictures it names, beside it as it says (but for the loose one).
	for name, from := range map[string]string{"cat/cat1.jpg": "cat/cat-01.jpg", "cat/cat2.jpg": "cat/cat-02.jpg",
		"dog/dog1.jpg": "dog/dog-01.jpg", "dog/dog2.jpg": "dog/dog-02.jpg"} {
		copyFile(t, filepath.Join(catsDogs(t), from), filepath.Join(dir, "photos", name))
	}
	v := newTestApp(t, fakeengine.New(), WithProject(path))
	if d := uitest.Dialog(v); d != "" {
		t.Fatalf("opening a version 1 file showed %q", d)
	}
	if got := v.store.Project().Classes(); !slices.Equal(got, []string{"cat", "dog"}) || v.win.Title() != "old - TransferLab" {
		t.Errorf("classes %v, title %q", got, v.win.Title())
	}
	if im, _ := v.store.Project().Image(filepath.Join(dir, "photos", "dog", "dog2.jpg")); !im.Excluded || len(v.store.Project().Images()) != 5 {
		t.Errorf("the excluded dog came back as %+v; %d pictures, want 5", im, len(v.store.Project().Images()))
	}
	if !uitest.HasLabel(v.results.Content(), "Train a model to see here") {
		t.Errorf("Results says %q", uitest.Labels(v.results.Content()))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(to), 0o755)
	}
	if err == nil {
		err = os.WriteFile(to, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
