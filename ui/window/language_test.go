package window

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/lang"

	"transferlab/ui/fakeengine"
	"transferlab/ui/language"
	"transferlab/ui/uitest"
)

func TestLanguageMenuRemembersTheChoiceForTheNextStart(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	view := u.win.MainMenu().Items[3]
	item := view.Items[len(view.Items)-1]
	if item.Label != "Language" || item.ChildMenu == nil {
		t.Fatalf("View's last item is %q, not the Language submenu", item.Label)
	}
	var names []string
	for _, it := range item.ChildMenu.Items {
		names = append(names, it.Label)
	}
	if want := []string{"System language", "English", "Español", "Deutsch", "Français"}; !slices.Equal(names, want) {
		t.Fatalf("Language offers %q, want %q", names, want)
	}
	if !item.ChildMenu.Items[0].Checked {
		t.Error("with no choice made, System language is not ticked")
	}

	item.ChildMenu.Items[3].Action() // Deutsch
	if got := u.fyneApp.Preferences().String(language.Pref); got != "de" {
		t.Errorf("preference = %q, want de", got)
	}
	if !item.ChildMenu.Items[3].Checked || item.ChildMenu.Items[0].Checked {
		t.Error("Deutsch is not the one ticked")
	}
	said := uitest.Labels(topOverlay(t, u))
	if !slices.Contains(said, "Die neue Sprache erscheint, wenn du TransferLab das nächste Mal öffnest.") {
		t.Errorf("the notice does not say in German when the language changes: %q", said)
	}
	if lang.L("Delete") != "Delete" {
		t.Errorf("the open window switched language at once: Delete reads %q", lang.L("Delete"))
	}
}
