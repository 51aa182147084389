package model

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"transferlab/engine/cases"
	"transferlab/ui/fakeengine"
	"transferlab/ui/uitest"
)

// TestAugmentationStrip: cases 3 and 4 show what the network will see of a
// picture; "New samples" draws again with another seed, the switches are
// saved in the settings and drawn at once, and cases 1 and 2 hide the strip.
func TestAugmentationStrip(t *testing.T) {
	eng := fakeengine.New()
	b, m := newBench(t, eng)
	b.AddPictures(t, catsDogs(t))
	m.Refresh()
	a := m.augment
	if a.content.Visible() {
		t.Error("strip shown for case 1, which does not vary the pictures")
	}
	m.cases.SetSelected(caseOption(cases.FineTune))
	if !a.content.Visible() || len(eng.AugmentRequests) != 1 {
		t.Fatalf("case 3: strip shown %v after %d drawings", a.content.Visible(), len(eng.AugmentRequests))
	}
	first := eng.AugmentRequests[0]
	if want := b.Store.Labelled()[0].Images[0]; first.Image != want || first.N != 6 || first.NoFlip || first.NoRandomCrop {
		t.Errorf("first drawing %+v, want 6 versions of %s with every change", first, want)
	}
	for i, img := range a.Images() {
		if img == nil {
			t.Fatalf("strip image %d is empty", i)
		}
	}
	uitest.Label(t, m.Content(), "What the network will see")

	test.Tap(uitest.Button(t, m.Content(), "New samples"))
	if n := len(eng.AugmentRequests); n != 2 || eng.AugmentRequests[1].Seed == first.Seed {
		t.Errorf("New samples: %d drawings, seeds %d then %d", n, first.Seed, eng.AugmentRequests[n-1].Seed)
	}
	test.Tap(a.flip)
	last := eng.AugmentRequests[len(eng.AugmentRequests)-1]
	if !b.Store.Project().Settings().NoFlip || !last.NoFlip || last.NoRandomCrop {
		t.Errorf("flip off: setting %v, last drawing %+v", b.Store.Project().Settings().NoFlip, last)
	}
	test.Tap(uitest.Button(t, m.Content(), "Another picture"))
	if last := eng.AugmentRequests[len(eng.AugmentRequests)-1]; last.Image == first.Image {
		t.Errorf("Another picture drew %s again", last.Image)
	}
	m.cases.SetSelected(caseOption(cases.CutBackbone))
	if a.content.Visible() {
		t.Error("strip shown for case 2")
	}
}
