//go:build ci

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

// TestAcceptingSuggestionsWithTheRealEngine: ten cats and ten dogs in class
// folders, twenty loose pictures dropped beside them; the real engine
// suggests their classes (SqueezeNet's features), and "Accept all at or
// above 80%" labels the sure ones: the project file changes and records
// them, mostly right; the picture files do not change.
func TestAcceptingSuggestionsWithTheRealEngine(t *testing.T) {
	u := newWindow(t)
	u.ImportWeights(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	src := shareddata.Path(t, "datasets/catsdogs-60")
	data, loose := t.TempDir(), t.TempDir()
	var looseFiles []string
	for _, animal := range []string{"cat", "dog"} {
		os.MkdirAll(filepath.Join(data, animal), 0o755)
		for i := 1; i <= 30; i++ {
			name := fmt.Sprintf("%s-%02d.jpg", animal, i)
			dst := filepath.Join(data, animal, name)
			switch {
			case i > 20:
				dst = filepath.Join(loose, name)
				looseFiles = append(looseFiles, dst)
			case i > 10:
				continue
			}
			raw, err := os.ReadFile(filepath.Join(src, animal, name))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(dst, raw, 0o644)
		}
	}
	projPath := filepath.Join(t.TempDir(), "pets"+project.Extension)
	uitest.Drop(u, data)
	if err := u.SaveProject(projPath); err != nil {
		t.Fatal(err)
	}
	uitest.Drop(u, looseFiles...)
	before, err := os.ReadFile(projPath)
	if err != nil {
		t.Fatal(err)
	}
	picture := shareddata.FileState(t, looseFiles[0])

	pictures := uitest.Screen(t, u, uitest.ScreenPictures)
	uitest.Label(t, pictures, "20 suggestions by their nearest labelled pictures")
	accept := uitest.Button(t, pictures, "Accept all at or above 80%")
	t.Logf("%s", accept.Text)
	uitest.Tap(t, pictures, "Accept all at or above 80%")

	after, err := os.ReadFile(projPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) == string(before) {
		t.Fatal("accepting the suggestions did not change the project file")
	}
	saved, err := project.Load(projPath)
	if err != nil {
		t.Fatal(err)
	}
	labelled, right := 0, 0
	for _, f := range looseFiles {
		im, ok := saved.Image(f)
		if !ok {
			t.Fatalf("%s is not in the saved project", f)
		}
		if im.Class != "" {
			labelled++
			if strings.HasPrefix(filepath.Base(f), im.Class+"-") {
				right++
			}
		}
	}
	t.Logf("%d of the 20 loose pictures accepted, %d of them right", labelled, right)
	if labelled < 10 || right < labelled-1 {
		t.Errorf("%d accepted, %d right", labelled, right)
	}
	if shareddata.FileState(t, looseFiles[0]) != picture {
		t.Error("accepting a suggestion touched the picture file")
	}
}
