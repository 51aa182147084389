package results

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

func TestResultsShowAccuracyAndConfusionMatrix(t *testing.T) {
	_, r := trained(t)
	if r.headline.Text != "Validation accuracy 75.0%: 9 of 12 pictures right" {
		t.Errorf("headline = %q", r.headline.Text)
	}
	want := [][]string{{"4 right", "2 wrong"}, {"1 wrong", "5 right"}}
	if len(r.cells) != 2 {
		t.Fatalf("matrix has %d rows, want 2", len(r.cells))
	}
	for i, row := range want {
		for j, text := range row {
			if got := r.cells[i][j].Text; got != text {
				t.Errorf("cell (%d,%d) = %q, want %q", i, j, got, text)
			}
		}
	}
	// Per class: cat recall 4/6, precision 4/5; dog recall 5/6, precision 5/7.
	for _, s := range []string{"66.7%", "80.0%", "83.3%", "71.4%"} {
		if !uitest.HasLabel(r.box, s) {
			t.Errorf("per-class table lacks %s", s)
		}
	}
	// Sample predictions: all 12, each with a word verdict, not only colour.
	if len(r.samples.Objects) != 12 {
		t.Errorf("%d sample cards, want 12", len(r.samples.Objects))
	}
	rights, wrongs := 0, 0
	for _, card := range r.samples.Objects {
		all := strings.Join(uitest.Labels(card), "|")
		switch {
		case strings.Contains(all, "Right: "):
			rights++
		case strings.Contains(all, "Wrong: "):
			wrongs++
		}
		if !strings.Contains(all, "labelled ") || !strings.Contains(all, "confidence ") {
			t.Errorf("card text %q lacks label or confidence", all)
		}
	}
	if rights != 9 || wrongs != 3 {
		t.Errorf("cards: %d right, %d wrong; want 9 and 3", rights, wrongs)
	}
	// Most wrong first: the dog said to be a cat with 70%.
	if len(r.wrong.Objects) != 3 {
		t.Fatalf("%d most-wrong rows, want 3", len(r.wrong.Objects))
	}
	first := strings.Join(uitest.Labels(r.wrong.Objects[0]), "|")
	if !strings.Contains(first, "labelled dog, the model says cat (70.0%)") {
		t.Errorf("first most-wrong row = %q", first)
	}
}

func TestRightPredictionCanBeRelabelledToo(t *testing.T) {
	b, r := trained(t)
	test.Tap(r.cells[1][1]) // labelled dog, said dog
	dlg := b.Overlay(t)
	if len(uitest.Buttons(dlg, "Relabel as")) != 0 {
		t.Error("a right prediction offers a one-click relabel to its own class")
	}
	choices := uitest.Find[*widget.Select](dlg)
	if len(choices) != 5 || !slices.Equal(choices[0].Options, []string{"cat"}) {
		t.Fatalf("%d relabel choices (want 5, one per picture), first offers %v", len(choices), choices[0].Options)
	}
	path := cellPredictions(b.Store.Run().Result, 1, 1)[0].Path
	choices[0].SetSelected("cat")
	if im, _ := b.Store.Project().Image(path); im.Class != "cat" {
		t.Errorf("class = %q, want cat", im.Class)
	}
	if !choices[0].Disabled() || choices[0].PlaceHolder != "Relabelled as cat" {
		t.Errorf("choice after relabel: disabled %v, %q", choices[0].Disabled(), choices[0].PlaceHolder)
	}
}

func TestMostWrongRelabelAndExcludeInOneClick(t *testing.T) {
	b, r := trained(t)
	row := r.wrong.Objects[0]
	path := mostWrong(b.Store.Run().Result.Predictions, 1)[0].Path
	test.Tap(uitest.Button(t, row, "Relabel as cat"))
	if im, _ := b.Store.Project().Image(path); im.Class != "cat" {
		t.Errorf("class = %q, want cat", im.Class)
	}
	row = r.wrong.Objects[1]
	path = mostWrong(b.Store.Run().Result.Predictions, 2)[1].Path
	test.Tap(uitest.Button(t, row, "Exclude"))
	if im, _ := b.Store.Project().Image(path); !im.Excluded {
		t.Error("Exclude did not exclude the picture")
	}
}

func TestSampleAndMostWrongSelection(t *testing.T) {
	var preds []ui.ImagePrediction
	for i := 0; i < 50; i++ {
		preds = append(preds, ui.ImagePrediction{Path: filepath.Join("p", string(rune('A'+i))), True: i % 2, Predicted: (i / 7) % 2, Probs: []float64{0.3 + float64(i)/100, 0.7 - float64(i)/100}})
	}
	s := samplePredictions(preds, 10)
	if len(s) != 10 || s[0].Path != preds[0].Path || s[9].Path != preds[45].Path {
		t.Errorf("samples = %d, first %s, last %s", len(s), s[0].Path, s[len(s)-1].Path)
	}
	w := mostWrong(preds, 3)
	for k := 1; k < len(w); k++ {
		if confidence(w[k]) > confidence(w[k-1]) {
			t.Errorf("most-wrong not sorted by confidence: %v then %v", confidence(w[k-1]), confidence(w[k]))
		}
	}
	for _, p := range w {
		if p.True == p.Predicted {
			t.Errorf("right prediction %s in most-wrong", p.Path)
		}
	}
}

func TestScratchHint(t *testing.T) {
	weak, strong := ui.TrainResult{ValAccuracy: 0.4}, ui.TrainResult{ValAccuracy: 0.9}
	if scratchHint(4, weak) == "" || scratchHint(4, strong) != "" || scratchHint(1, weak) != "" {
		t.Error("the hint belongs to weak case-4 models only")
	}
}

// TestHeadlineNamesTheTestPicturesWhenThereAreSome: with a test share the
// headline is the held-out pictures' accuracy, and a note gives the
// validation figure and says which pictures the tables below are about.
func TestHeadlineNamesTheTestPicturesWhenThereAreSome(t *testing.T) {
	b, r := newBench(t)
	b.AddPictures(t, shareddata.Path(t, "datasets/catsdogs-60"))
	s := b.Store.Project().Settings()
	s.TestShare = 0.25
	if err := b.Store.SetSettings(s); err != nil {
		t.Fatal(err)
	}
	req := ui.TrainRequest{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Classes: b.Store.Labelled(),
		Epochs: 5, BatchSize: 16, ValShare: s.ValShare, TestShare: s.TestShare, OutDir: t.TempDir()}
	res, err := b.Host.Engine.Train(b.Host.Ctx, req, func(ui.TrainEvent) {})
	if err != nil {
		t.Fatal(err)
	}
	b.Store.SetRun(project.Run{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Settings: s, Result: res})
	// The fake holds out 12 of its 48 training pictures and gets every
	// third wrong.
	if r.headline.Text != "Test accuracy 66.7%: 8 of 12 held-out pictures right" {
		t.Errorf("headline = %q", r.headline.Text)
	}
	if !uitest.HasLabel(r.box, "On the validation pictures, which chose the epoch: 75.0% (9 of 12)") {
		t.Errorf("no validation note in %q", uitest.Labels(r.box))
	}
}
