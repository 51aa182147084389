package tryit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/ui/chart"
	"transferlab/ui/uitest"
)

// A picture the model finds unlike its classes gets "none of these" above
// the bars instead of a claim of its top class; the next ordinary picture
// takes the line away again.
func TestTryItSaysNoneOfThese(t *testing.T) {
	b, try := newBench(t)
	train(t, b)
	cat := filepath.Join(catsDogs(t), "cat", "cat-07.jpg")
	// The fake engine calls a picture whose name holds no class name
	// unlike the training pictures.
	eagle := filepath.Join(t.TempDir(), "eagle.jpg")
	data, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(eagle, data, 0o644); err != nil {
		t.Fatal(err)
	}

	try.Predict(eagle)
	const line = "None of these — this picture looks unlike every class it learned. Add an 'other' class with pictures like this one."
	if !try.noneOfThese.Visible() || try.noneOfThese.Text != line {
		t.Errorf("none-of-these line: visible %v, %q", try.noneOfThese.Visible(), try.noneOfThese.Text)
	}
	if try.message.Text != "eagle.jpg: none of these. The closest class is cat." {
		t.Errorf("message = %q", try.message.Text)
	}
	if bars := uitest.Find[*chart.Share](try.answers); len(bars) != 2 {
		t.Errorf("%d bars, want the 2 classes still shown", len(bars))
	}
	if below := try.answers.Position().Y; try.noneOfThese.Position().Y >= below {
		t.Errorf("the line is at y=%v, the bars at y=%v: want it above them", try.noneOfThese.Position().Y, below)
	}
	if !strings.Contains(strings.Join(uitest.Labels(try.Content()), "|"), line) {
		t.Errorf("the window does not show the line: %q", uitest.Labels(try.Content()))
	}

	try.Predict(cat)
	if try.noneOfThese.Visible() || try.message.Text != "cat-07.jpg: the model says cat (80.0% sure)." {
		t.Errorf("after a cat: line visible %v, message %q", try.noneOfThese.Visible(), try.message.Text)
	}
}
