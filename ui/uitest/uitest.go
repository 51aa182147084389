// Package uitest drives TransferLab's real window from outside package ui,
// the way a user does: it finds screens, buttons, labels and fields by the
// text on them, taps and types. The app's integration tests, the window's
// own and the screenshot script use it with Fyne's headless test driver;
// a Bench (bench.go) sets one screen alone on a test window for that
// screen's own tests.
package uitest

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
)

// Screens, in tab order.
const (
	ScreenPictures = iota
	ScreenModel
	ScreenTrain
	ScreenResults
	ScreenTry
)

// App is the main window the helpers drive (*window.App). It is an
// interface so that uitest need not import the window, whose own tests use
// these helpers.
type App interface {
	Window() fyne.Window
	OnDropped(fyne.Position, []fyne.URI)
}

// Fataler is what the helpers need from a test (testing.TB has it) or a
// program (see Must).
type Fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Inline runs jobs synchronously: with it every engine call has finished
// when the tap or drop that started it returns.
func Inline(job func()) { job() }

// Walk visits o and everything below it, looking inside widget renderers.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) { walk(o, visit, false) }

// WalkShown is Walk over what is shown: it skips a hidden object and all
// below it (a folded section, a hidden panel).
func WalkShown(o fyne.CanvasObject, visit func(fyne.CanvasObject)) { walk(o, visit, true) }

func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject), shownOnly bool) {
	if o == nil || shownOnly && !o.Visible() {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit, shownOnly)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit, shownOnly)
		}
	}
}

// Find returns every object of type T under o, outermost first.
func Find[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	Walk(o, func(c fyne.CanvasObject) {
		if x, ok := c.(T); ok {
			out = append(out, x)
		}
	})
	return out
}

// Tabs returns the window's screens.
func Tabs(f Fataler, u App) *container.AppTabs {
	f.Helper()
	tabs := Find[*container.AppTabs](u.Window().Content())
	if len(tabs) == 0 {
		f.Fatalf("the window has no tabs")
		return nil
	}
	return tabs[0]
}

// Screen shows screen i (ScreenPictures ... ScreenTry) and returns its content.
func Screen(f Fataler, u App, i int) fyne.CanvasObject {
	f.Helper()
	at := Tabs(f, u)
	at.SelectIndex(i)
	return at.Items[i].Content
}

// Drop simulates dropping files or folders on the window (the test window
// ignores real drops, so the app's named handler is called).
func Drop(u App, paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	u.OnDropped(fyne.NewPos(10, 10), uris)
}

// Buttons returns the buttons under o whose text contains text.
func Buttons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	for _, b := range Find[*widget.Button](o) {
		if strings.Contains(b.Text, text) {
			out = append(out, b)
		}
	}
	return out
}

// Button returns the only button under o whose text contains text.
func Button(f Fataler, o fyne.CanvasObject, text string) *widget.Button {
	f.Helper()
	bs := Buttons(o, text)
	if len(bs) != 1 {
		f.Fatalf("found %d buttons containing %q, want 1", len(bs), text)
		return nil
	}
	return bs[0]
}

// Tap taps the only button under o whose text contains text.
func Tap(f Fataler, o fyne.CanvasObject, text string) {
	f.Helper()
	b := Button(f, o, text)
	if b.Disabled() {
		f.Fatalf("button %q is disabled", b.Text)
		return
	}
	test.Tap(b)
}

// Labels returns the text of every label under o.
func Labels(o fyne.CanvasObject) []string {
	var out []string
	for _, l := range Find[*widget.Label](o) {
		out = append(out, l.Text)
	}
	return out
}

// HasLabel reports whether a label under o contains text.
func HasLabel(o fyne.CanvasObject, text string) bool {
	for _, s := range Labels(o) {
		if strings.Contains(s, text) {
			return true
		}
	}
	return false
}

// Label returns the first label under o that contains text.
func Label(f Fataler, o fyne.CanvasObject, text string) string {
	f.Helper()
	for _, s := range Labels(o) {
		if strings.Contains(s, text) {
			return s
		}
	}
	f.Fatalf("no label contains %q; labels: %q", text, Labels(o))
	return ""
}

// Status is the text of the status bar below the screens.
func Status(u App) string {
	border, ok := u.Window().Content().(*fyne.Container)
	if !ok {
		return ""
	}
	for _, o := range border.Objects {
		if _, tabs := o.(*container.AppTabs); tabs {
			continue
		}
		if ls := Labels(o); len(ls) > 0 {
			return ls[0]
		}
	}
	return ""
}

// Dialog returns the texts of the dialog on top, joined by " | ", or ""
// when none is open.
func Dialog(u App) string {
	o := u.Window().Canvas().Overlays().Top()
	if o == nil {
		return ""
	}
	return strings.Join(Labels(o), " | ")
}

// ChooseCase picks case n on the Model screen.
func ChooseCase(f Fataler, u App, n cases.Case) {
	f.Helper()
	model := Screen(f, u, ScreenModel)
	for _, r := range Find[*widget.RadioGroup](model) {
		for _, opt := range r.Options {
			if strings.HasPrefix(opt, fmt.Sprintf("Case %d:", n)) {
				r.SetSelected(opt)
				return
			}
		}
	}
	f.Fatalf("no case %d on the Model screen", n)
}

// SetAdvanced opens the advanced settings on the Model screen and types
// value into the field called name (e.g. "Validation share (%)"), or
// chooses it in a list (e.g. "Device", "GPU"); a value the form refuses is
// fatal.
func SetAdvanced(f Fataler, u App, name, value string) {
	f.Helper()
	model := Screen(f, u, ScreenModel)
	for _, a := range Find[*widget.Accordion](model) {
		a.OpenAll()
	}
	for _, form := range Find[*widget.Form](model) {
		for _, it := range form.Items {
			if it.Text != name {
				continue
			}
			switch w := FormWidget(it).(type) {
			case *widget.Entry:
				w.SetText("")
				test.Type(w, value)
			case *widget.Select:
				w.SetSelected(value)
				if w.Selected != value {
					f.Fatalf("%s has no choice %q (%q)", name, value, w.Options)
				}
			default:
				continue
			}
			if HasLabel(model, "Not saved:") {
				f.Fatalf("%s = %s refused: %q", name, value, Labels(model))
			}
			return
		}
	}
	f.Fatalf("no advanced setting %q", name)
}

// FormWidget is the widget of a form row, without the glossary's "?"
// button some rows have beside it.
func FormWidget(it *widget.FormItem) fyne.CanvasObject {
	if c, ok := it.Widget.(*fyne.Container); ok {
		for _, o := range c.Objects {
			if _, isButton := o.(*widget.Button); !isButton {
				return o
			}
		}
	}
	return it.Widget
}

// Train taps Start on the Train screen; with Inline jobs, training has
// finished when it returns. A dialog (an error) is fatal.
func Train(f Fataler, u App) {
	f.Helper()
	Tap(f, Screen(f, u, ScreenTrain), "Start training")
	if d := Dialog(u); d != "" {
		f.Fatalf("training showed %q", d)
	}
}

// Must is a Fataler for programs: Fatalf panics with the message.
type Must struct{}

func (Must) Helper() {}

func (Must) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}
