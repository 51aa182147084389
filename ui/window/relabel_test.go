package window

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// trained returns an app that has trained on catsdogs-60 with the fake:
// 12 validation pictures (6 per class), 3 of them wrong.
func trained(t *testing.T) (*App, *fakeengine.Engine) {
	t.Helper()
	eng := fakeengine.New()
	u := readyToTrain(t, eng)
	test.Tap(startButton(t, u))
	if u.store.Run() == nil {
		t.Fatal("training produced no result")
	}
	return u, eng
}

func TestConfusionCellOpensPicturesAndRelabels(t *testing.T) {
	u, _ := trained(t)
	projPath := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(projPath); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(projPath)

	test.Tap(uitest.Button(t, u.results.Content(), "2 wrong")) // labelled cat, said dog
	dlg := topOverlay(t, u)
	if !uitest.HasLabel(dlg, "Labelled cat, the model said dog: 2 pictures") {
		t.Errorf("dialog title missing: %v", uitest.Labels(dlg))
	}
	relabel := uitest.Buttons(dlg, "Relabel as dog")
	if len(relabel) != 2 {
		t.Fatalf("%d relabel buttons, want one per picture (2)", len(relabel))
	}
	path := cellPaths(u.store.Run().Result, 0, 1)[0] // the dialog lists them by path
	imageBefore := shareddata.FileState(t, path)
	test.Tap(relabel[0])

	if im, _ := u.store.Project().Image(path); im.Class != "dog" {
		t.Errorf("%s has class %q, want dog", path, im.Class)
	}
	if relabel[0].Text != "Relabelled as dog" || !relabel[0].Disabled() {
		t.Errorf("button after relabel: %q disabled=%v", relabel[0].Text, relabel[0].Disabled())
	}
	after, _ := os.ReadFile(projPath)
	if string(after) == string(before) {
		t.Error("relabelling did not change the project file")
	}
	saved, _ := project.Load(projPath)
	if im, _ := saved.Image(path); im.Class != "dog" {
		t.Errorf("saved project has %q for %s", im.Class, path)
	}
	if shareddata.FileState(t, path) != imageBefore {
		t.Error("relabelling touched the picture file")
	}
	if !uitest.HasLabel(u.pictures.Content(), "31 pictures") {
		t.Errorf("dog card not refreshed: %q", uitest.Labels(u.pictures.Content()))
	}
}

// cellPaths are the pictures behind confusion-matrix cell (i, j), sorted.
func cellPaths(res ui.TrainResult, i, j int) []string {
	var out []string
	for _, p := range res.Predictions {
		if p.True == i && p.Predicted == j {
			out = append(out, p.Path)
		}
	}
	slices.Sort(out)
	return out
}
