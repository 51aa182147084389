package window

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

func TestClosingUnsavedProjectOffersToSave(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	uitest.Drop(u, catsDogs(t))
	u.close()
	dlg := topOverlay(t, u)
	if !uitest.HasLabel(dlg, "has not been saved yet") {
		t.Fatalf("dialog says %v", uitest.Labels(dlg))
	}
	if u.ctx.Err() != nil {
		t.Fatal("window closed before the user answered")
	}
	test.Tap(uitest.Button(t, dlg, "Don't save"))
	if u.ctx.Err() == nil {
		t.Error("\"Don't save\" did not close the window")
	}
}

func TestClosingSavedProjectFlushesWithoutAsking(t *testing.T) {
	u := newTestApp(t, fakeengine.New(), WithAutosaveDelay(3600e9)) // an hour: only Close saves
	path := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(path); err != nil {
		t.Fatal(err)
	}
	uitest.Drop(u, catsDogs(t))
	if p, _ := project.Load(path); len(p.Images()) != 0 {
		t.Fatal("saved before the autosave delay")
	}
	u.close()
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("closing a saved project asked a question")
	}
	if p, _ := project.Load(path); len(p.Images()) != 60 {
		t.Errorf("closing saved %d pictures, want 60", len(p.Images()))
	}
}

func TestNewProject(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	path := filepath.Join(t.TempDir(), "pets"+project.Extension)
	u.SaveProject(path)
	uitest.Drop(u, catsDogs(t))
	shortcut(u, fyne.KeyN, ctrlShift)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("new project after a saved one asked a question")
	}
	if len(u.store.Project().Images()) != 0 || u.win.Title() != "TransferLab" || u.autosaver.Path() != "" {
		t.Errorf("after New: %d pictures, title %q, path %q", len(u.store.Project().Images()), u.win.Title(), u.autosaver.Path())
	}
	if !strings.Contains(u.status.Text, "New project") {
		t.Errorf("status = %q", u.status.Text)
	}
	if p, _ := project.Load(path); len(p.Images()) != 60 {
		t.Error("the previous project was not kept on disk")
	}
}

func TestOpenBadProjectShowsError(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	if err := u.OpenProject(filepath.Join(t.TempDir(), "missing"+project.Extension)); err == nil {
		t.Error("opening a missing project succeeded")
	}
	v := newTestApp(t, fakeengine.New(), WithProject(filepath.Join(t.TempDir(), "missing"+project.Extension)))
	if !uitest.HasLabel(topOverlay(t, v), "missing"+project.Extension) {
		t.Errorf("start-up error dialog says %v", uitest.Labels(topOverlay(t, v)))
	}
}

func TestSaveAndReopenProject(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	uitest.Drop(u, catsDogs(t))
	moved := selectPictures(t, u, 1)
	test.TypeOnCanvas(u.win.Canvas(), "2")
	path := filepath.Join(t.TempDir(), "pets")
	if err := u.SaveProject(path); err != nil {
		t.Fatal(err)
	}
	if u.win.Title() != "pets - TransferLab" {
		t.Errorf("title = %q", u.win.Title())
	}

	v := newTestApp(t, fakeengine.New(), WithProject(path+project.Extension))
	if im, _ := v.store.Project().Image(moved[0]); im.Class != "dog" {
		t.Errorf("reopened project lost the relabelling: %+v", im)
	}
	if got := len(v.store.Project().ImagesOf("cat")); got != 29 {
		t.Errorf("reopened project has %d cats, want 29 (re-scan must keep labels)", got)
	}
	if !uitest.HasLabel(v.pictures.Content(), "31 pictures") {
		t.Errorf("dog card after reopening: %q", uitest.Labels(v.pictures.Content()))
	}
}
