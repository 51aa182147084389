package window

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/fakeengine"
	"transferlab/ui/host"
	"transferlab/ui/look"
	"transferlab/ui/uitest"
)

// shortcut sends Ctrl(+Shift)+key to the window.
func shortcut(u *App, key fyne.KeyName, mod fyne.KeyModifier) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

// themeChoice is the status bar's theme menu.
func themeChoice(t *testing.T, u *App) *widget.Select {
	t.Helper()
	var found *widget.Select
	uitest.Walk(u.win.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && slices.Equal(s.Options, []string{"System", "Light", "Dark"}) {
			found = s
		}
	})
	if found == nil {
		t.Fatal("no theme menu in the window")
	}
	return found
}

func TestTextSizeScalesTheThemeAndIsRemembered(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	base := theme.DefaultTheme().Size(theme.SizeNameText)
	shortcut(u, fyne.KeyEqual, ctrl)
	shortcut(u, fyne.KeyEqual, ctrl)
	th := u.fyneApp.Settings().Theme()
	if got := th.Size(theme.SizeNameText); got != base*1.2 {
		t.Errorf("text size after two Ctrl+= = %g, want %g", got, base*1.2)
	}
	if !uitest.HasLabel(u.win.Content(), "Text 120%") {
		t.Errorf("labels = %q", uitest.Labels(u.win.Content()))
	}
	if got := u.fyneApp.Preferences().Float(look.PrefScale); got < 1.19 || got > 1.21 {
		t.Errorf("remembered scale = %g", got)
	}
	u.look.SetScale(look.MaxScale - look.ScaleStep/2)
	test.Tap(uitest.Buttons(u.win.Content(), "A+")[0])
	if u.look.Scale() != look.MaxScale {
		t.Errorf("scale = %g after A+ near the top, want the maximum %g", u.look.Scale(), look.MaxScale)
	}
	test.Tap(uitest.Buttons(u.win.Content(), "A-")[0])
	if u.look.Scale() != look.MaxScale-look.ScaleStep {
		t.Errorf("scale = %g after A-, want %g", u.look.Scale(), look.MaxScale-look.ScaleStep)
	}
	shortcut(u, fyne.Key0, ctrl)
	if u.look.Scale() != 1 {
		t.Errorf("Ctrl+0 scale = %g", u.look.Scale())
	}
	// A new window on the same app starts with the remembered look.
	shortcut(u, fyne.KeyMinus, ctrl)
	v := New(u.fyneApp, fakeengine.New(), WithLauncher(uitest.Inline))
	defer v.win.Close()
	if v.look.Scale() != 0.9 {
		t.Errorf("new window scale = %g, want 0.9", v.look.Scale())
	}
}

func TestLightAndDarkThemes(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	themeChoice(t, u).SetSelected("Dark")
	bgDark := u.fyneApp.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if want := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); bgDark != want {
		t.Errorf("dark theme background = %v, want %v", bgDark, want)
	}
	shortcut(u, fyne.KeyD, ctrlShift)
	if u.look.Variant() != "light" || themeChoice(t, u).Selected != "Light" {
		t.Errorf("after toggle: variant %q, menu %q", u.look.Variant(), themeChoice(t, u).Selected)
	}
	bgLight := u.fyneApp.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark)
	if want := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight); bgLight != want {
		t.Errorf("light theme background = %v, want %v", bgLight, want)
	}
	if u.fyneApp.Preferences().String(look.PrefTheme) != "light" {
		t.Error("theme choice not remembered")
	}
}

func TestKeyboardShortcutsReachScreens(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	for _, k := range []struct {
		key fyne.KeyName
		tab host.Screen
	}{{fyne.Key2, host.Model}, {fyne.Key5, host.Try}, {fyne.Key4, host.Results}, {fyne.Key3, host.Train}, {fyne.Key1, host.Pictures}} {
		shortcut(u, k.key, ctrl)
		if u.screen() != k.tab {
			t.Errorf("Ctrl+%s shows tab %d, want %d", k.key, u.tabs.SelectedIndex(), k.tab)
		}
	}
	uitest.Drop(u, catsDogs(t))
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
	if !uitest.HasLabel(u.pictures.Content(), "(30 selected)") {
		t.Errorf("Ctrl+A did not select the 30 pictures: %q", uitest.Labels(u.pictures.Content()))
	}
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !uitest.HasLabel(u.pictures.Content(), "(0 selected)") {
		t.Errorf("Escape left pictures selected: %q", uitest.Labels(u.pictures.Content()))
	}
	// Every menu item carries the shortcut that triggers it (but for a
	// submenu: Open recent's items change with use; and Help, last, whose
	// dialogs list them).
	menu := u.win.MainMenu()
	if menu == nil || len(menu.Items) != 5 {
		t.Fatal("main menu missing")
	}
	for _, m := range menu.Items[:4] {
		for _, it := range m.Items {
			if it.Shortcut == nil && it.ChildMenu == nil {
				t.Errorf("menu item %q has no shortcut", it.Label)
			}
		}
	}
	// Ctrl+T starts training from any screen.
	chooseNetwork(t, u, 1)
	shortcut(u, fyne.KeyT, ctrl)
	if u.store.Run() == nil {
		t.Error("Ctrl+T did not train")
	}
}
