//go:build ci

package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

// TestReopenWithTheRealEngine trains catsdogs-60 in case 1 with the real
// engine in a saved project and opens the project in a new app with a new
// engine and an empty cache (another computer, as far as the engine knows;
// the first window stays open until the test's cleanup closes it): Results shows the same accuracy and confusion matrix, and Try it
// gives the same answer, probability included, on a validation picture.
func TestReopenWithTheRealEngine(t *testing.T) {
	u, path := savedCatsDogs(t, [2]string{"Validation share (%)", "30"})
	uitest.Train(t, u)
	head, cells := resultsFigures(t, u)
	saved, err := project.Load(path)
	if err != nil || saved.LastRun() == nil {
		t.Fatalf("the saved project has no run (%v)", err)
	}
	picture := saved.LastRun().Result.Predictions[0].Path // a validation picture
	answer := tryIt(t, u, picture)
	t.Logf("%s; Try it: %s", head, answer)

	v := newWindow(t, window.WithProject(path))
	if d := uitest.Dialog(v); d != "" {
		t.Fatalf("reopening showed %q", d)
	}
	if h, c := resultsFigures(t, v); h != head || !slices.Equal(c, cells) {
		t.Errorf("reopened results %q %q, want %q %q", h, c, head, cells)
	}
	if got := tryIt(t, v, picture); got != answer {
		t.Errorf("Try it after reopening says %q, want %q", got, answer)
	}
	uitest.Label(t, uitest.Screen(t, v, uitest.ScreenTrain), "Finished: validation accuracy")
	if strings.Contains(uitest.Status(v), "model file") {
		t.Errorf("status %q", uitest.Status(v))
	}
}

// TestReopenWithTheModelFileDamaged: the real engine cannot read a
// truncated classifier file; the window names it and the rest opens.
func TestReopenWithTheModelFileDamaged(t *testing.T) {
	u, path := savedCatsDogs(t)
	uitest.Train(t, u)
	saved, _ := project.Load(path)
	clf := saved.LastRun().Result.ClassifierPath
	data, err := os.ReadFile(clf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(clf, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}

	v := newWindow(t, window.WithProject(path))
	s := uitest.Status(v)
	t.Logf("status: %s", s)
	if !strings.Contains(s, clf) || !strings.Contains(s, "cannot be used") {
		t.Errorf("status %q does not name the damaged %s", s, clf)
	}
	uitest.Label(t, uitest.Screen(t, v, uitest.ScreenPictures), `Class "cat": 30 pictures`)
	uitest.Label(t, uitest.Screen(t, v, uitest.ScreenResults), "Validation accuracy ")
	uitest.Label(t, uitest.Screen(t, v, uitest.ScreenTry), clf)
}

// resultsFigures reads the Results screen's headline and matrix cells.
func resultsFigures(t *testing.T, u *window.App) (string, []string) {
	t.Helper()
	results := uitest.Screen(t, u, uitest.ScreenResults)
	var cells []string
	for _, row := range matrixCells(t, results) {
		for _, b := range row {
			cells = append(cells, b.Text)
		}
	}
	return uitest.Label(t, results, "Validation accuracy "), cells
}

// tryIt drops picture on Try it and reads the answer.
func tryIt(t *testing.T, u *window.App, picture string) string {
	t.Helper()
	try := uitest.Screen(t, u, uitest.ScreenTry)
	uitest.Drop(u, picture)
	return uitest.Label(t, try, filepath.Base(picture)+": the model says ")
}

// savedCatsDogs opens the real window on a copy of catsdogs-60 with the
// shared SqueezeNet weights imported and case 1 chosen, sets the advanced
// settings given as (field, value) pairs, and saves the project; it
// returns the window and the project file.
func savedCatsDogs(t *testing.T, advanced ...[2]string) (*window.App, string) {
	t.Helper()
	u := newWindow(t)
	uitest.Drop(u, shareddata.Copy(t, "datasets/catsdogs-60"))
	u.ImportWeights(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	uitest.ChooseCase(t, u, cases.FrozenBackbone)
	for _, a := range advanced {
		uitest.SetAdvanced(t, u, a[0], a[1])
	}
	path := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(path); err != nil {
		t.Fatal(err)
	}
	return u, path
}
