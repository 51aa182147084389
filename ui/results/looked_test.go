package results

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/ui/heatmap"
	"transferlab/ui/uitest"
)

// TestWhatItLookedAt: a most-wrong row and a sample card open the picture
// with the heatmap of the model's (wrong) answer already on.
func TestWhatItLookedAt(t *testing.T) {
	b, r := trained(t)
	test.Tap(uitest.Button(t, r.wrong.Objects[0], "What it looked at")) // a dog the model calls a cat
	pics := uitest.Find[*heatmap.Picture](b.Overlay(t))
	if len(pics) != 1 || !pics[0].Showing() || !strings.Contains(pics[0].Note(), "“cat”") {
		t.Fatalf("most-wrong row: %d pictures; note %q", len(pics), noteOf(pics))
	}
	if want := mostWrong(b.Store.Run().Result.Predictions, 1)[0].Path; pics[0].File() != want {
		t.Errorf("shows %s, want %s", pics[0].File(), want)
	}
	test.Tap(uitest.Button(t, r.samples.Objects[0], "What it looked at"))
	if pics = uitest.Find[*heatmap.Picture](b.Overlay(t)); len(pics) != 1 || !pics[0].Showing() {
		t.Errorf("sample card: %d pictures; note %q", len(pics), noteOf(pics))
	}
}

func noteOf(pics []*heatmap.Picture) string {
	if len(pics) == 0 {
		return ""
	}
	return pics[0].Note()
}
