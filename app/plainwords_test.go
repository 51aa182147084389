//go:build ci

package app

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/internal/shareddata"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
)

// goPrefix is how a Go package starts its errors: a lower-case word and a
// colon, at the start of a message or after another "…: ".
var goPrefix = regexp.MustCompile(`(^|: )[a-z][a-z0-9]*: `)

// TestPlainWordsInTheWindow makes the real engine fail in the ways users
// meet (a text file passed off as weights, a damaged project file, a text
// file passed off as a photo) and reads what the window shows: sentences,
// never a Go package's name before a colon; the technical text sits folded
// under Details.
func TestPlainWordsInTheWindow(t *testing.T) {
	dir := t.TempDir()
	fakeWeights := filepath.Join(dir, "squeezenet1_1.pth")
	os.WriteFile(fakeWeights, []byte("tench\ngoldfish\ngreat white shark\n"), 0o644)
	damaged := filepath.Join(dir, "pets.tlproj")
	os.WriteFile(damaged, []byte(`{"version": 1, "classes": [`), 0o644)
	fakePhoto := filepath.Join(dir, "holiday.jpg")
	os.WriteFile(fakePhoto, []byte("tench\ngoldfish\n"), 0o644)

	u := newWindow(t, window.WithProject(damaged))
	checkSentences(t, "opening a damaged project", visibleLabels(u.Window().Canvas().Overlays().Top()))
	closeDialog(t, u)

	u.ImportWeights(fakeWeights)
	checkSentences(t, "importing a text file as weights", visibleLabels(u.Window().Canvas().Overlays().Top()))
	closeDialog(t, u)

	uitest.Drop(u, shareddata.Path(t, "datasets/catsdogs-60"), fakePhoto)
	checkSentences(t, "adding a text file named .jpg", visibleLabels(uitest.Screen(t, u, uitest.ScreenPictures)))
}

// closeDialog taps the open dialog's Close, failing when none is open.
func closeDialog(t *testing.T, u *window.App) {
	t.Helper()
	top := u.Window().Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	test.Tap(uitest.Button(t, top, "Close"))
}

// checkSentences fails for a message that shows a Go package's name.
func checkSentences(t *testing.T, when string, labels []string) {
	t.Helper()
	if len(labels) == 0 {
		t.Errorf("%s: nothing was said", when)
	}
	for _, l := range labels {
		if goPrefix.MatchString(l) {
			t.Errorf("%s: the window says %q, which names a Go package", when, l)
		}
	}
	t.Logf("%s: %q", when, labels)
}

// visibleLabels are the texts of the labels under o that are shown (a
// folded Details section's are not).
func visibleLabels(o fyne.CanvasObject) []string {
	var out []string
	uitest.WalkShown(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}
