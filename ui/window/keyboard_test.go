package window

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/ui"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

// keyboard sends key events to the window the way the desktop driver
// does: to the focused widget when there is one, else to the window's own
// handlers; shortcuts to the canvas; Tab moves the focus.
type keyboard struct {
	t *testing.T
	u *App
}

func (k keyboard) canvas() fyne.Canvas { return k.u.win.Canvas() }

// press types one key.
func (k keyboard) press(name fyne.KeyName) {
	k.t.Helper()
	ev := &fyne.KeyEvent{Name: name}
	if name == fyne.KeyTab {
		test.FocusNext(k.canvas())
		return
	}
	if f := k.canvas().Focused(); f != nil {
		if kb, ok := f.(desktop.Keyable); ok {
			kb.KeyDown(ev)
			defer kb.KeyUp(ev)
		}
		f.TypedKey(ev)
		if name == fyne.KeySpace {
			f.TypedRune(' ')
		}
		return
	}
	k.canvas().OnTypedKey()(ev)
}

// withShift presses name while Shift is held.
func (k keyboard) withShift(name fyne.KeyName) {
	k.t.Helper()
	kb, ok := k.canvas().Focused().(desktop.Keyable)
	if !ok {
		k.t.Fatalf("Shift+%s: the focused %T does not hear Shift", name, k.canvas().Focused())
	}
	shift := &fyne.KeyEvent{Name: desktop.KeyShiftLeft}
	kb.KeyDown(shift)
	k.press(name)
	kb.KeyUp(shift)
}

// typeText types characters into the focused widget.
func (k keyboard) typeText(s string) {
	k.t.Helper()
	f := k.canvas().Focused()
	if f == nil {
		k.t.Fatalf("typing %q with nothing focused", s)
	}
	for _, r := range s {
		f.TypedRune(r)
	}
}

// shortcut presses a command's keys (Ctrl or Cmd with key).
func (k keyboard) shortcut(key fyne.KeyName, mod fyne.KeyModifier) {
	k.canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod})
}

// tabTo presses Tab until the focused widget satisfies want, failing
// after a full round; every stop on the way must show it has the focus.
func (k keyboard) tabTo(what string, want func(fyne.Focusable) bool) fyne.Focusable {
	k.t.Helper()
	for range 200 {
		k.press(fyne.KeyTab)
		f := k.canvas().Focused()
		if f != nil && want(f) {
			return f
		}
	}
	k.t.Fatalf("Tab never reached %s", what)
	return nil
}

func isType(name string) func(fyne.Focusable) bool {
	return func(f fyne.Focusable) bool { return fmt.Sprintf("%T", f) == name }
}

func isButton(text string) func(fyne.Focusable) bool {
	return func(f fyne.Focusable) bool {
		b, ok := f.(*widget.Button)
		return ok && strings.Contains(b.Text, text)
	}
}

// TestKeyboardOnlyWholeFlow adds catsdogs-60, selects and labels pictures,
// excludes one, picks the network and the case, trains and stops, opens a
// confusion cell and relabels, and tries a picture: with keys alone.
func TestKeyboardOnlyWholeFlow(t *testing.T) {
	eng := fakeengine.New()
	u := newTestApp(t, eng)
	u.win.Resize(fyne.NewSize(1366, 688))
	k := keyboard{t, u}
	data := catsDogs(t)

	// Add a folder: Ctrl+I, type the path, Enter.
	k.shortcut(fyne.KeyI, ctrl)
	k.typeText(data)
	k.press(fyne.KeyReturn)
	if n := len(u.store.Project().Classes()); n != 2 {
		t.Fatalf("after adding %s by keyboard: %d classes, want cat and dog", data, n)
	}

	// Select the first picture, then two more with Shift+Right, move
	// them to class 2 (dog) with "2".
	k.tabTo("the picture grid", isType("*pictures.pictureGrid"))
	k.press(fyne.KeySpace)
	k.withShift(fyne.KeyRight)
	k.withShift(fyne.KeyRight)
	cats := u.store.Project().ImagesOf("cat")
	k.typeText("2")
	if got := len(u.store.Project().ImagesOf("cat")); got != len(cats)-3 {
		t.Fatalf("after Space, Shift+Right twice and 2: cat has %d pictures, want %d", got, len(cats)-3)
	}
	// Exclude the picture now first with Space and Delete.
	k.press(fyne.KeySpace)
	k.press(fyne.KeyDelete)
	if got := len(u.store.Project().Excluded()); got != 1 {
		t.Fatalf("after Space and Delete: %d excluded, want 1", got)
	}

	// Model screen: the network by arrows and Space, the case by Tab and Space.
	k.shortcut(fyne.Key2, ctrl)
	k.tabTo("the network list", isType("*widget.List"))
	k.press(fyne.KeyDown)
	k.press(fyne.KeySpace)
	if got := u.store.Project().Settings().Network; got != eng.Networks()[1].Name {
		t.Fatalf("network %q after Down and Space, want %q", got, eng.Networks()[1].Name)
	}
	k.tabTo("case 1", isType("*widget.radioItem"))
	for u.store.Case() != cases.FrozenBackbone {
		k.press(fyne.KeySpace)
		if u.store.Case() == cases.FrozenBackbone {
			break
		}
		k.press(fyne.KeyTab)
	}

	// Train with Ctrl+T; Escape at epoch 3 stops and keeps the best.
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase == ui.PhaseEpoch && ev.Epoch == 3 {
			k.press(fyne.KeyEscape)
		}
	}
	k.shortcut(fyne.KeyT, ctrl)
	run := u.store.Run()
	if run == nil || !run.Result.Stopped {
		t.Fatalf("Ctrl+T then Escape: run %+v, want a stopped run", run)
	}

	// Results: Tab to a wrong cell, Space opens it, Escape closes it.
	k.shortcut(fyne.Key4, ctrl)
	k.tabTo("a confusion cell with mistakes", isButton("wrong"))
	k.press(fyne.KeySpace)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Space on a confusion cell opened nothing")
	}
	k.press(fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape left the dialog open")
	}
	// Again, and Tab to Relabel, Space; Tab to Close, Space.
	k.tabTo("a confusion cell with mistakes", isButton("wrong"))
	k.press(fyne.KeySpace)
	relabel := k.tabTo("a Relabel button", isButton("Relabel as")).(*widget.Button)
	k.press(fyne.KeySpace)
	if !strings.HasPrefix(relabel.Text, "Relabelled as") {
		t.Errorf("after Space the button says %q", relabel.Text)
	}
	k.tabTo("Close", isButton("Close"))
	k.press(fyne.KeySpace)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Space on Close left the dialog open")
	}

	// Try it: Tab to "Choose a picture...", Space, type a path, Enter.
	k.shortcut(fyne.Key5, ctrl)
	k.tabTo("Choose a picture", isButton("Choose a picture"))
	k.press(fyne.KeySpace)
	k.typeText(filepath.Join(data, "cat", "cat-01.jpg"))
	k.press(fyne.KeyReturn)
	if !uitest.HasLabel(u.try.Content(), "cat") {
		t.Errorf("Try it shows %q after choosing a picture by keyboard", uitest.Labels(u.try.Content()))
	}
}
