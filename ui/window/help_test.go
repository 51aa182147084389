package window

import (
	"strings"
	"testing"

	"transferlab/internal/version"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

// TestHelpListsTheShortcutsAndTheVersion: Help's last menu lists every
// command with its keys (from the list the bindings come from) and About
// gives the version a bug report needs.
func TestHelpListsTheShortcutsAndTheVersion(t *testing.T) {
	u := newTestApp(t, fakeengine.New())
	menus := u.win.MainMenu().Items
	help := menus[len(menus)-1]
	if help.Label != "Help" || len(help.Items) != 3 {
		t.Fatalf("last menu %q with %d items", help.Label, len(help.Items))
	}
	help.Items[0].Action()
	text := strings.Join(uitest.Labels(u.win.Canvas().Overlays().Top()), "|")
	for _, want := range []string{"Start training|Ctrl+T", "Compare the four cases (lesson)|Ctrl+L", "Bigger text|Ctrl+=", "New project|Ctrl+Shift+N", "1 … 9", "Space or Enter", "Shift+arrows"} {
		if !strings.Contains(text, want) {
			t.Errorf("the shortcuts lack %q: %s", want, text)
		}
	}
	u.win.Canvas().Overlays().Top().Hide()
	help.Items[1].Action()
	glossary := strings.Join(uitest.Labels(u.win.Canvas().Overlays().Top()), "|")
	if !strings.Contains(glossary, "Epoch|One pass of training over all the training pictures") {
		t.Errorf("the glossary lacks the epoch: %s", glossary)
	}
	u.win.Canvas().Overlays().Top().Hide()
	help.Items[2].Action()
	if d := uitest.Dialog(u); !strings.Contains(d, "TransferLab "+version.Number) {
		t.Errorf("About says %q, want version %s", d, version.Number)
	}
}
