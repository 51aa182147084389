package training

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/ui"
	"transferlab/ui/fakeengine"
)

// TestProgressAccountsForEarlyStopping: with a patience of 1 epoch the
// fake stops after epoch 4 of at most 5 (its validation loss is lowest at
// epoch 3). The bar never goes back and is full when the run ends early,
// the line says "at most", and the charts mark epoch 3 as kept, saying why.
func TestProgressAccountsForEarlyStopping(t *testing.T) {
	eng := fakeengine.New()
	eng.Patience = 1
	b, tr := readyToTrain(t, eng) // 5 epochs
	var bar []float64
	var lines []string
	eng.OnEvent = func(ev ui.TrainEvent) {
		if ev.Phase != ui.PhaseFeatures {
			bar = append(bar, tr.progress.Value)
			lines = append(lines, tr.phase.Text)
		}
	}
	test.Tap(tr.start)

	if n := len(b.Store.Run().Result.History); n != 4 {
		t.Fatalf("the fake trained %d epochs, want 4 (stopped early)", n)
	}
	if !slices.IsSorted(bar) || bar[len(bar)-1] != 1 {
		t.Errorf("the bar went %v; want never back, full at the early end", bar)
	}
	if !strings.Contains(lines[0], "epoch 1 of at most 2") || !strings.Contains(lines[len(lines)-1], "epoch 4 of at most 4") {
		t.Errorf("progress lines %q … %q", lines[0], lines[len(lines)-1])
	}
	for _, c := range []interface{ Mark() (int, string) }{tr.loss, tr.acc} {
		if epoch, text := c.Mark(); epoch != 3 || text != "kept" {
			t.Errorf("chart mark %d %q, want epoch 3 kept", epoch, text)
		}
	}
	if !strings.HasPrefix(tr.kept.Text, "Kept: the model of epoch 3, whose validation loss (0.350) is the lowest") {
		t.Errorf("kept note %q", tr.kept.Text)
	}
}
