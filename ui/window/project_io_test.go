package window

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
)

func TestClosingUnsavedProjectOffersToSave(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	drop(u, catsDogs(t))
	u.close()
	dlg := topOverlay(t, u)
	if !hasText(dlg, "has not been saved yet") {
		t.Fatalf("dialog says %v", texts(dlg))
	}
	if u.ctx.Err() != nil {
		t.Fatal("window closed before the user answered")
	}
	test.Tap(button(t, dlg, "Don't save"))
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
	drop(u, catsDogs(t))
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
	drop(u, catsDogs(t))
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
	if !hasText(topOverlay(t, v), "missing"+project.Extension) {
		t.Errorf("start-up error dialog says %v", texts(topOverlay(t, v)))
	}
}
