package window

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
)

// recentItems is File > Open recent's items.
func recentItems(t *testing.T, u *App) []*fyne.MenuItem {
	t.Helper()
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.Label == "Open recent" && it.ChildMenu != nil {
			return it.ChildMenu.Items
		}
	}
	t.Fatal("File has no Open recent")
	return nil
}

func labels(items []*fyne.MenuItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func TestReopenRecentProjects(t *testing.T) {
	a := test.NewTempApp(t) // one computer: its preferences outlive each window
	dir := t.TempDir()
	cats, dogs := filepath.Join(dir, "cats"+project.Extension), filepath.Join(dir, "dogs"+project.Extension)
	u := newTestAppOn(t, a, fakeengine.New())
	if items := recentItems(t, u); len(items) != 1 || !items[0].Disabled {
		t.Errorf("a fresh computer's recent list: %q", labels(items))
	}
	u.SaveProject(cats)
	u.newProject()
	u.SaveProject(dogs)
	want := []string{"dogs  (" + dir + ")", "cats  (" + dir + ")"}
	if got := labels(recentItems(t, u)); !slices.Equal(got, want) {
		t.Errorf("Open recent lists %q, want %q", got, want)
	}
	recentItems(t, u)[1].Action()
	if u.store.Path() != cats {
		t.Errorf("Open recent > cats opened %q", u.store.Path())
	}

	if v := newTestAppOn(t, a, fakeengine.New()); v.store.Path() != "" {
		t.Errorf("without WithReopenLast the window opened %q", v.store.Path())
	}
	v := newTestAppOn(t, a, fakeengine.New(), WithReopenLast())
	if v.store.Path() != cats || v.win.Title() != "cats - TransferLab" {
		t.Errorf("on start the app reopened %q (title %q), want the last one used, %s", v.store.Path(), v.win.Title(), cats)
	}

	os.Remove(cats)
	w := newTestAppOn(t, a, fakeengine.New(), WithReopenLast())
	if w.store.Path() != "" || !strings.Contains(w.status.Text, "Could not reopen the last project") || w.win.Canvas().Overlays().Top() != nil {
		t.Errorf("a deleted last project: path %q, status %q", w.store.Path(), w.status.Text)
	}
	if got := labels(recentItems(t, w)); !slices.Equal(got, want[:1]) {
		t.Errorf("after failing to reopen cats, Open recent lists %q", got)
	}
}

func TestRecentKeepsEight(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	dir := t.TempDir()
	for i := range 10 {
		u.SaveProject(filepath.Join(dir, fmt.Sprintf("p%d", i)))
	}
	items := recentItems(t, u)
	if len(items) != maxRecent || !strings.HasPrefix(items[0].Label, "p9 ") {
		t.Errorf("Open recent lists %q", labels(items))
	}
}
