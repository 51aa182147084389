package tryit

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/ui/chart"
	"transferlab/ui/uitest"
)

func TestTryIt(t *testing.T) {
	b, try := newBench(t)
	cat := filepath.Join(catsDogs(t), "cat", "cat-07.jpg")
	try.Predict(cat)
	if !strings.HasPrefix(try.message.Text, "Train a model first") {
		t.Errorf("before training: %q", try.message.Text)
	}

	train(t, b)
	try.Predict(cat)
	if try.message.Text != "cat-07.jpg: the model says cat (80.0% sure)." {
		t.Errorf("message = %q", try.message.Text)
	}
	if got := strings.Join(uitest.Labels(try.answers), "|"); got != "cat|dog" {
		t.Errorf("answer labels = %q, want cat|dog", got)
	}
	var bars []float64
	for _, b := range uitest.Find[*chart.Share](try.answers) {
		bars = append(bars, b.Value())
	}
	if !slices.Equal(bars, []float64{0.8, 0.2}) {
		t.Errorf("bars = %v, want [0.8 0.2]", bars)
	}
	if try.image.File() != cat {
		t.Errorf("shown picture = %q", try.image.File())
	}
	bad := filepath.Join(t.TempDir(), "broken.jpg")
	os.WriteFile(bad, []byte("not a jpeg"), 0o644)
	try.Predict(bad)
	if !strings.HasPrefix(try.message.Text, "Could not classify broken.jpg: Not a picture") {
		t.Errorf("broken picture message = %q", try.message.Text)
	}
}

// TestTryItShowsWhatItLookedAt taps the picture's switch after an answer:
// the heatmap of the answer shown replaces the picture.
func TestTryItShowsWhatItLookedAt(t *testing.T) {
	b, try := newBench(t)
	train(t, b)
	dog := filepath.Join(catsDogs(t), "dog", "dog-03.jpg")
	try.Predict(dog)
	checks := uitest.Find[*widget.Check](try.Content())
	if len(checks) != 1 || checks[0].Text != "Show what it looked at" {
		t.Fatalf("switches under the picture: %d", len(checks))
	}
	test.Tap(checks[0])
	if !try.image.Showing() || !strings.Contains(try.image.Note(), "“dog”") {
		t.Errorf("after the tap: showing %v, note %q", try.image.Showing(), try.image.Note())
	}
}
