package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/ui/fakeengine"
)

// TestAdviceRechecksFamiliarityAfterImport: without weights the advice
// cannot say how familiar the pictures look; once the weights are
// imported it asks again instead of still saying it could not check.
func TestAdviceRechecksFamiliarityAfterImport(t *testing.T) {
	b, m := newBench(t, fakeengine.New())
	b.AddPictures(t, catsDogs(t))
	m.list.Select(0) // ResNet-18, whose weights are not here
	if !strings.Contains(m.recoLabel.Text, "could not check") {
		t.Fatalf("advice without weights: %q", m.recoLabel.Text)
	}
	file := filepath.Join(t.TempDir(), "resnet18.pth")
	if err := os.WriteFile(file, []byte("weights"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.ImportWeights(file)
	if strings.Contains(m.recoLabel.Text, "could not check") || !strings.Contains(m.recoLabel.Text, "72% familiar") {
		t.Errorf("advice after importing the weights: %q", m.recoLabel.Text)
	}
}

// TestAdviceFollowsRelabelling: relabelling changes the class sizes the
// advice quotes; it is asked again, but not when no count changed.
func TestAdviceFollowsRelabelling(t *testing.T) {
	eng := fakeengine.New()
	b, m := newBench(t, eng)
	b.AddPictures(t, catsDogs(t))
	p := b.Store.Project()
	if err := p.SetLabel("dog", p.ImagesOf("cat")[:2]...); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.recoLabel.Text, "Your smallest class has 28 pictures") {
		t.Errorf("advice after relabelling two cats: %q", m.recoLabel.Text)
	}
	asked := len(eng.Recommended)
	p.SetLabel("dog", p.ImagesOf("dog")[0]) // already a dog: nothing changed
	if len(eng.Recommended) != asked {
		t.Error("the advice was asked again though no class changed size")
	}
}
