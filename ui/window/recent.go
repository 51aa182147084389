package window

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/host"
	"transferlab/ui/project"
)

// recentKey is the preference listing the project files used lately,
// newest first; maxRecent is how many File > Open recent offers.
const (
	recentKey = "recentProjects"
	maxRecent = 8
)

// recentProjects are the project files opened or saved lately, kept in the
// app's preferences so they outlive the window: a class comes back to its
// project next week without hunting for the file.
type recentProjects struct{ prefs fyne.Preferences }

// list returns the project files, newest first.
func (r recentProjects) list() []string { return r.prefs.StringList(recentKey) }

// add puts path first.
func (r recentProjects) add(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := append([]string{path}, r.without(path)...)
	r.prefs.SetStringList(recentKey, list[:min(len(list), maxRecent)])
}

// remove forgets path (it could not be opened).
func (r recentProjects) remove(path string) { r.prefs.SetStringList(recentKey, r.without(path)) }

func (r recentProjects) without(path string) []string {
	return slices.DeleteFunc(r.list(), func(p string) bool { return p == path })
}

// recentMenu is File > Open recent: one item per project file, named as
// the window title names it, with its folder to tell namesakes apart.
func (u *App) recentMenu() *fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, path := range u.recent.list() {
		name := strings.TrimSuffix(filepath.Base(path), project.Extension) + "  (" + filepath.Dir(path) + ")"
		items = append(items, fyne.NewMenuItem(name, func() { u.guardUnsaved(func() { u.openRecent(path) }) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.L("No recent projects"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	item := fyne.NewMenuItem(lang.L("Open recent"), nil)
	item.ChildMenu = fyne.NewMenu("", items...)
	return item
}

// openRecent opens a recent project; one that cannot be opened any more
// leaves the list.
func (u *App) openRecent(path string) {
	if err := u.OpenProject(path); err != nil {
		u.recent.remove(path)
		u.win.SetMainMenu(u.mainMenu())
		u.host.ShowError(err)
	}
}

// remember puts path first in File > Open recent.
func (u *App) remember(path string) {
	u.recent.add(path)
	u.win.SetMainMenu(u.mainMenu())
}

// reopenLast opens the project used last, as the app does on start; a file
// gone since is only mentioned, the app then starts on an empty project.
func (u *App) reopenLast() {
	list := u.recent.list()
	if len(list) == 0 {
		return
	}
	if err := u.OpenProject(list[0]); err != nil {
		u.recent.remove(list[0])
		u.win.SetMainMenu(u.mainMenu())
		u.host.SetStatus("Could not reopen the last project: %s", host.Plain(err))
	}
}
