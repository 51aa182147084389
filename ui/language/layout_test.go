package language_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/language"
	"transferlab/ui/project"
	"transferlab/ui/results"
	"transferlab/ui/thumbs"
	"transferlab/ui/training"
	"transferlab/ui/uitest"
)

// screenSize is a 1366×768 laptop's window less its title bar and panel.
var screenSize = fyne.NewSize(1366, 688)

// TestLanguageTrainAndResultsFit builds the Train and Results screens in
// each language, after two runs, and fails when a button is narrower than
// its text needs (the text is cut) or reaches past the window; the same
// for the dialogs of the Results screen (a confusion cell, the comparison,
// deleting a run).
func TestLanguageTrainAndResultsFit(t *testing.T) {
	data := shareddata.Path(t, "datasets/catsdogs-60")
	for _, code := range language.Codes() {
		t.Run(code, func(t *testing.T) {
			if err := language.Apply(code); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = language.Apply("en") })
			b := uitest.NewBench(test.NewTempApp(t), fakeengine.New())
			t.Cleanup(b.Close)
			tr := training.New(b.Host, b.Store, t.TempDir())
			res := results.New(b.Host, b.Store, thumbs.NewCache(uitest.Inline, 112))
			b.Store.Open(project.New(), "")
			b.AddPictures(t, data)
			s := b.Store.Project().Settings()
			s.Network, s.Case, s.Epochs, s.BatchSize = "squeezenet1_1", cases.FrozenBackbone, 5, 16
			if err := b.Store.SetSettings(s); err != nil {
				t.Fatal(err)
			}

			show(b, tr.Content())
			if n := checkFits(t, "Train, ready", b.Win.Canvas().Content(), true); n != 8 { // Start, Stop, the lesson and five glossary words
				t.Errorf("Train: %d buttons checked, want 8", n)
			}
			start := uitest.Button(t, tr.Content(), lang.L("Start training (Ctrl+T)"))
			if english := "Start training (Ctrl+T)"; (start.Text == english) != (code == "en") {
				t.Errorf("in %s the Start button reads %q", language.Name(code), start.Text)
			}
			tr.Start() // the fake engine trains at once
			b.Trained(t, "squeezenet1_1", cases.FrozenBackbone, 3, 16, filepath.Join(t.TempDir(), "run-2"))
			show(b, tr.Content())
			checkFits(t, "Train, trained", b.Win.Canvas().Content(), true)

			show(b, res.Content())
			if n := checkFits(t, "Results", b.Win.Canvas().Content(), true); n < 10 {
				t.Errorf("Results: only %d buttons checked", n)
			}
			for _, tick := range uitest.Find[*widget.Check](res.Content()) {
				test.Tap(tick)
			}
			openDialog(t, b, "the comparison", func() { uitest.Tap(t, res.Content(), lang.L("Compare the ticked runs")) })
			openDialog(t, b, "a confusion cell", func() { test.Tap(wrongCell(t, res.Content())) })
			openDialog(t, b, "deleting a run", func() { test.Tap(uitest.Buttons(res.Content(), lang.L("Delete"))[0]) })
		})
	}
}

// show puts content alone in the bench's window, at the screen's size.
func show(b *uitest.Bench, content fyne.CanvasObject) {
	b.Win.SetContent(content)
	b.Win.Resize(screenSize)
}

// openDialog opens a dialog with open, checks it and closes it.
func openDialog(t *testing.T, b *uitest.Bench, name string, open func()) {
	t.Helper()
	open()
	top := b.Overlay(t)
	if checkFits(t, name, top, false) == 0 {
		t.Errorf("%s: no button checked", name)
	}
	b.Win.Canvas().Overlays().Remove(top)
}

// wrongCell is an enabled confusion-matrix button off the diagonal
// (DangerImportance).
func wrongCell(t *testing.T, content fyne.CanvasObject) *widget.Button {
	t.Helper()
	for _, btn := range uitest.Find[*widget.Button](content) {
		if btn.Importance == widget.DangerImportance && !btn.Disabled() {
			return btn
		}
	}
	t.Fatal("no wrong cell in the confusion matrix")
	return nil
}

// reporter is what checkFits needs from a test.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// checkFits fails for each visible button under root whose text is cut
// (narrower than its minimum) or, when inWindow, that reaches past the
// window's right edge, and when root, inWindow, needs more width than the
// window has. It returns how many buttons it checked.
func checkFits(t reporter, where string, root fyne.CanvasObject, inWindow bool) (buttons int) {
	t.Helper()
	if m := root.MinSize(); inWindow && m.Width > screenSize.Width+0.5 {
		t.Errorf("%s needs %.0f px of width, more than the window's %.0f", where, m.Width, screenSize.Width)
	}
	walkPlaced(root, fyne.NewPos(0, 0), func(o fyne.CanvasObject, at fyne.Position) {
		btn, ok := o.(*widget.Button)
		if !ok || btn.Text == "" {
			return
		}
		buttons++
		size, minSize := btn.Size(), btn.MinSize()
		if size.Width+0.5 < minSize.Width {
			t.Errorf("%s: button %q is %.0f wide, its text needs %.0f", where, btn.Text, size.Width, minSize.Width)
		}
		if inWindow && at.X+size.Width > screenSize.Width+0.5 {
			t.Errorf("%s: button %q ends at x=%.0f, past the window (%.0f)", where, btn.Text, at.X+size.Width, screenSize.Width)
		}
	})
	return buttons
}

// walkPlaced visits the visible objects under o with their position in
// root's coordinates; positions are relative to the parent in Fyne.
func walkPlaced(o fyne.CanvasObject, at fyne.Position, visit func(fyne.CanvasObject, fyne.Position)) {
	if !o.Visible() {
		return
	}
	visit(o, at)
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		walkPlaced(c, at.Add(c.Position()), visit)
	}
}

// TestLanguageCheckFitsFindsACutButton makes sure checkFits can fail: a
// button squeezed below its text's width is reported.
func TestLanguageCheckFitsFindsACutButton(t *testing.T) {
	test.NewTempApp(t)
	btn := widget.NewButton("Stop and keep the best model so far (Esc)", nil)
	btn.Resize(fyne.NewSize(btn.MinSize().Width/2, btn.MinSize().Height))
	rec := &recorder{}
	checkFits(rec, "squeezed", btn, true)
	if len(rec.errors) != 1 {
		t.Errorf("a button at half its width gave %d complaints, want 1: %q", len(rec.errors), rec.errors)
	}
}

type recorder struct{ errors []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}
