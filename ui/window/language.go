package window

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"transferlab/ui/language"
)

// languageMenu is View › Language: the system's language or one of ours,
// each named in itself so anyone finds theirs. The choice is remembered and
// shows at the next start: the screens are built once, in one language,
// and rebuilding them live would leave the old ones listening to the store
// (which cannot forget a listener) and orphan a training job under way.
func (u *App) languageMenu() *fyne.MenuItem {
	codes := append([]string{""}, language.Codes()...)
	items := make([]*fyne.MenuItem, len(codes))
	menu := fyne.NewMenu(lang.L("Language"))
	for i, code := range codes {
		name := language.Name(code)
		if code == "" {
			name = lang.L("System language")
		}
		items[i] = fyne.NewMenuItem(name, func() { u.chooseLanguage(code, codes, menu) })
	}
	menu.Items = items
	u.checkLanguage(codes, menu)
	item := fyne.NewMenuItem(lang.L("Language"), nil)
	item.ChildMenu = menu
	return item
}

// checkLanguage ticks the remembered choice.
func (u *App) checkLanguage(codes []string, menu *fyne.Menu) {
	chosen := slices.Index(codes, language.Preferred(u.fyneApp.Preferences()))
	for i, item := range menu.Items {
		item.Checked = i == chosen
	}
	menu.Refresh()
}

// chooseLanguage remembers code ("" = the system's) and says, in the
// language chosen, when it takes effect.
func (u *App) chooseLanguage(code string, codes []string, menu *fyne.Menu) {
	prefs := u.fyneApp.Preferences()
	if code == language.Preferred(prefs) {
		return
	}
	language.Remember(prefs, code)
	u.checkLanguage(codes, menu)
	dialog.ShowInformation(language.Translate(code, "Language"),
		language.Translate(code, "The new language shows the next time you open TransferLab."), u.win)
}
