package window

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/host"
	"transferlab/ui/look"
)

// command is one main action: its menu text, keyboard shortcut and what it
// does. Menus and shortcuts come from the same list so they cannot drift.
type command struct {
	label    string
	key      fyne.KeyName
	modifier fyne.KeyModifier
	run      func()
}

func (c command) shortcut() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: c.key, Modifier: c.modifier}
}

const (
	ctrl      = fyne.KeyModifierShortcutDefault
	ctrlShift = fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift
)

// commands returns the menu groups in order.
func (u *App) commands() [][]command {
	file := []command{
		{lang.L("New project"), fyne.KeyN, ctrlShift, func() { u.guardUnsaved(u.newProject) }},
		{lang.L("Open project..."), fyne.KeyO, ctrl, func() { u.guardUnsaved(u.askOpenPath) }},
		{lang.L("Save project"), fyne.KeyS, ctrl, u.saveOrAsk},
		{lang.L("Save project as..."), fyne.KeyS, ctrlShift, func() { u.askSavePath(nil) }},
		{lang.L("Add folder..."), fyne.KeyI, ctrl, u.pictures.AskAddFolder},
		{lang.L("New class..."), fyne.KeyN, ctrl, u.pictures.AskNewClass},
		{lang.L("Export labelled dataset..."), fyne.KeyE, ctrl, u.pictures.AskExport},
	}
	screens := []command{
		{lang.L("Pictures"), fyne.Key1, ctrl, func() { u.selectTab(host.Pictures) }},
		{lang.L("Model"), fyne.Key2, ctrl, func() { u.selectTab(host.Model) }},
		{lang.L("Train"), fyne.Key3, ctrl, func() { u.selectTab(host.Train) }},
		{lang.L("Results"), fyne.Key4, ctrl, func() { u.selectTab(host.Results) }},
		{lang.L("Try it"), fyne.Key5, ctrl, func() { u.selectTab(host.Try) }},
	}
	train := []command{
		{lang.L("Start training"), fyne.KeyT, ctrl, func() { u.selectTab(host.Train); u.train.Start() }},
		{lang.L("Stop training (keep the best model)"), fyne.KeyT, ctrlShift, u.train.Stop},
		{lang.L("Compare the four cases (lesson)"), fyne.KeyL, ctrl, func() { u.selectTab(host.Train); u.train.StartLesson() }},
	}
	view := []command{
		{lang.L("Bigger text"), fyne.KeyEqual, ctrl, func() { u.look.SetScale(u.look.Scale() + look.ScaleStep) }},
		{lang.L("Smaller text"), fyne.KeyMinus, ctrl, func() { u.look.SetScale(u.look.Scale() - look.ScaleStep) }},
		{lang.L("Normal text size"), fyne.Key0, ctrl, func() { u.look.SetScale(1) }},
		{lang.L("Switch light/dark"), fyne.KeyD, ctrlShift, u.look.ToggleDark},
	}
	return [][]command{file, screens, train, view}
}

func (u *App) mainMenu() *fyne.MainMenu {
	names := []string{lang.L("File"), lang.L("Go"), lang.L("Train"), lang.L("View")}
	var menus []*fyne.Menu
	for i, group := range u.commands() {
		var items []*fyne.MenuItem
		for _, c := range group {
			item := fyne.NewMenuItem(c.label, c.run)
			item.Shortcut = c.shortcut()
			items = append(items, item)
		}
		if i == 0 {
			items = slices.Insert(items, 2, u.recentMenu()) // after Open project...
		}
		menus = append(menus, fyne.NewMenu(names[i], items...))
	}
	menus[3].Items = append(menus[3].Items, u.languageMenu()) // View › Language
	return fyne.NewMainMenu(append(menus, u.helpMenu())...)
}

// registerShortcuts binds the command shortcuts on the canvas, and the
// plain keys of the screens: 1-9 / Delete / Escape on Pictures, Escape to
// stop training, Ctrl+A to select all pictures.
func (u *App) registerShortcuts() {
	c := u.win.Canvas()
	for _, group := range u.commands() {
		for _, cmd := range group {
			run := cmd.run
			c.AddShortcut(cmd.shortcut(), func(fyne.Shortcut) { run() })
		}
	}
	c.AddShortcut(&fyne.ShortcutSelectAll{}, func(fyne.Shortcut) {
		if u.screen() == host.Pictures {
			u.pictures.SelectAll()
		}
	})
	c.SetOnTypedRune(func(r rune) {
		if u.screen() == host.Pictures && c.Overlays().Top() == nil {
			u.pictures.TypedRune(r)
		}
	})
	c.SetOnTypedKey(u.typedKey)
}

func (u *App) typedKey(ev *fyne.KeyEvent) {
	dialogOpen := u.win.Canvas().Overlays().Top() != nil
	switch {
	case dialogOpen && ev.Name == fyne.KeyEscape:
		// Fyne's dialogs do not close on Escape; every dialog here has a
		// Cancel or Close, so Escape does what they do.
		u.win.Canvas().Overlays().Top().Hide()
	case dialogOpen: // keys meant for the dialog must not label pictures behind it
	case u.screen() == host.Pictures:
		u.pictures.TypedKey(ev)
	case ev.Name == fyne.KeyEscape && u.train.Running():
		u.train.Stop()
	}
}
