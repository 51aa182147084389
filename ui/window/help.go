package window

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"transferlab/internal/version"
	"transferlab/ui/glossary"
)

// helpMenu lists the keyboard shortcuts and says which TransferLab this is.
func (u *App) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Help"),
		fyne.NewMenuItem(lang.L("Keyboard shortcuts"), u.showShortcuts),
		fyne.NewMenuItem(lang.L("Glossary"), func() { glossary.Show(u.win, u.host.DialogSize(fyne.NewSize(620, 560))) }),
		fyne.NewMenuItem(lang.L("About TransferLab"), u.showAbout))
}

// showShortcuts lists every command with its keys, from the same list the
// menus and the key bindings come from, and the keys of the Pictures
// screen.
func (u *App) showShortcuts() {
	g := container.NewGridWithColumns(2)
	for _, group := range u.commands() {
		for _, c := range group {
			g.Add(widget.NewLabel(strings.TrimSuffix(c.label, "...")))
			g.Add(widget.NewLabelWithStyle(keysText(c), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
		}
	}
	for _, k := range picturesKeys() {
		g.Add(widget.NewLabel(k[0]))
		g.Add(widget.NewLabelWithStyle(k[1], fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}))
	}
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(g), u.win)
	d.Resize(u.host.DialogSize(fyne.NewSize(640, 560)))
	d.Show()
}

// picturesKeys are the plain keys of the Pictures screen and the Train
// screen, which have no menu entry.
func picturesKeys() [][2]string {
	return [][2]string{
		{lang.L("Move between buttons, lists and the picture grid"), lang.L("Tab, Shift+Tab")},
		{lang.L("Press the focused button, pick the focused choice"), lang.L("Space")},
		{lang.L("Pictures: move the highlight in the grid"), lang.L("Arrows")},
		{lang.L("Pictures: select or deselect the highlighted picture"), lang.L("Space or Enter")},
		{lang.L("Pictures: select while moving"), lang.L("Shift+arrows")},
		{lang.L("Pictures: show a class (its card focused)"), lang.L("Space or Enter")},
		{lang.L("Pictures: select all"), "Ctrl+A"},
		{lang.L("Pictures: put the selected pictures in class 1 to 9"), "1 … 9"},
		{lang.L("Pictures: leave the selected pictures out"), lang.L("Delete")},
		{lang.L("Pictures: select none"), lang.L("Escape")},
		{lang.L("Train: stop and keep the best model so far"), lang.L("Escape")},
		{lang.L("Close a dialog"), lang.L("Escape")},
	}
}

// keysText spells a command's shortcut as people write it.
func keysText(c command) string {
	var parts []string
	if c.modifier&fyne.KeyModifierShortcutDefault != 0 {
		parts = append(parts, primaryKey())
	}
	if c.modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, lang.L("Shift"))
	}
	return strings.Join(append(parts, keyName(c.key)), "+")
}

// keyName spells a key as people call it, not as Fyne names it.
func keyName(k fyne.KeyName) string {
	switch k {
	case fyne.KeyEqual:
		return "="
	case fyne.KeyMinus:
		return "-"
	}
	return string(k)
}

// primaryKey is the modifier Fyne's ShortcutDefault stands for.
func primaryKey() string {
	if runtime.GOOS == "darwin" {
		return "Cmd"
	}
	return lang.L("Ctrl")
}

// showAbout gives the version (what a bug report needs) and what the app
// keeps where.
func (u *App) showAbout() {
	text := lang.L("TransferLab {{.Version}}\n\nTeach the computer to recognise your own pictures, on this computer: "+
		"nothing is uploaded.\n\nBuilt with Go {{.Go}} for {{.System}}.", map[string]any{"Version": version.String(),
		"Go": strings.TrimPrefix(runtime.Version(), "go"), "System": runtime.GOOS + "/" + runtime.GOARCH})
	dialog.ShowInformation(lang.L("About TransferLab"), text, u.win)
}
