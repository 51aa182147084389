//go:build ci

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/ui/uitest"
	"transferlab/ui/uithread"
	"transferlab/ui/window"
)

// TestDemoOnAFreshComputer is the first run: no weights, no pictures. The
// demo draws its shapes, sets up case 4 at 64 pixels, and trains from
// scratch with the real engine (two epochs here, to stay quick).
func TestDemoOnAFreshComputer(t *testing.T) {
	demoDir := filepath.Join(t.TempDir(), "demo")
	u := newWindow(t, window.WithDemoDir(demoDir))

	pictures := uitest.Screen(t, u, uitest.ScreenPictures)
	uitest.Tap(t, pictures, "Try the demo")
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("the demo showed %q", d)
	}
	if !strings.Contains(uitest.Status(u), "Added 120 new picture(s); 0 file(s) could not be read") {
		t.Fatalf("status %q", uitest.Status(u))
	}
	for _, c := range []string{"1  circles", "2  squares", "3  triangles"} {
		uitest.Label(t, pictures, c)
	}
	if n, _ := filepath.Glob(filepath.Join(demoDir, "*", "*.png")); len(n) != 120 {
		t.Errorf("%d demo pictures in %s, want 120", len(n), demoDir)
	}

	model := uitest.Screen(t, u, uitest.ScreenModel)
	uitest.Label(t, model, "Case 4 trains SqueezeNet 1.1 from scratch, so it does not need the pretrained weights")
	uitest.SetAdvanced(t, u, "Epochs", "2")

	train := uitest.Screen(t, u, uitest.ScreenTrain)
	uitest.Label(t, train, "SqueezeNet 1.1, case 4 (Many pictures, unusual subjects): 120 pictures in 3 classes scaled to 64×64 pixels, 2 epochs")
	uitest.Train(t, u)
	uitest.Label(t, train, "Finished: validation accuracy")
	results := uitest.Tabs(t, u).Items[uitest.ScreenResults].Content
	checkResults(t, results, 3, 24, 0) // from scratch in two epochs: no promise on accuracy
	if !uitest.HasLabel(results, "Validation accuracy 100") {
		uitest.Label(t, results, "This network learned from scratch (case 4)")
	}

	// Try it with a picture the model has not seen.
	try := uitest.Screen(t, u, uitest.ScreenTry)
	uitest.Drop(u, filepath.Join(demoDir, "squares", "squares-01.png"))
	uitest.Label(t, try, "squares-01.png: the model says ")
}

// TestBadFolderAndCorruptPicturesGetMessages: with the real engine, a folder
// that is not there and broken files are listed on the Pictures screen with
// the reason, while the good pictures are added.
func TestBadFolderAndCorruptPicturesGetMessages(t *testing.T) {
	u := newWindow(t)
	pictures := uitest.Screen(t, u, uitest.ScreenPictures)
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	uitest.Drop(u, missing)
	if d := uitest.Dialog(u); d != "" {
		t.Errorf("a missing folder: dialog %q, want a notice", d)
	}
	uitest.Label(t, pictures, "Warning: 1 file(s) could not be read")
	uitest.Label(t, pictures, missing+": cannot be read")
	if uitest.HasLabel(pictures, "Problem:") {
		t.Errorf("an empty project lists problems: %q", uitest.Labels(pictures))
	}

	root := t.TempDir()
	for _, class := range []string{"good", "bad"} {
		os.MkdirAll(filepath.Join(root, class), 0o755)
	}
	demoPNG := filepath.Join(t.TempDir(), "demo")
	if err := (&Engine{}).MakeDemo(t.Context(), demoPNG); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"circles/circles-01.png", "circles/circles-02.png", "squares/squares-01.png"} {
		data, _ := os.ReadFile(filepath.Join(demoPNG, name))
		dst := "good"
		if i == 2 {
			dst = "bad"
		}
		os.WriteFile(filepath.Join(root, dst, filepath.Base(name)), data, 0o644)
	}
	os.WriteFile(filepath.Join(root, "bad", "empty.jpg"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "bad", "truncated.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644)
	os.WriteFile(filepath.Join(root, "bad", "notes.jpg"), []byte("these are not pixels"), 0o644)

	uitest.Drop(u, root)
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("broken files showed a dialog %q instead of a notice", d)
	}
	notice := uitest.Label(t, pictures, "file(s) could not be read and will be left out")
	if !strings.HasPrefix(notice, "Warning: 4 file(s)") { // the missing folder too
		t.Errorf("notice %q", notice)
	}
	for _, name := range []string{"empty.jpg", "truncated.png", "notes.jpg"} {
		uitest.Label(t, pictures, name)
	}
	uitest.Label(t, pictures, `Class "bad" has only 1 picture`)
}

// TestDemoWithJobsOnGoroutines trains the demo for one epoch with every job
// on a goroutine of its own, as in the app (see uithread.Thread); run with
// -race it checks the hand-offs between the engine and the window.
func TestDemoWithJobsOnGoroutines(t *testing.T) {
	th := &uithread.Thread{}
	u := newWindow(t, window.WithDemoDir(filepath.Join(t.TempDir(), "demo")), window.WithLauncher(th.Launch))
	th.Wait()
	th.Do(func() { uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenPictures), "Try the demo") })
	if !strings.Contains(uitest.Status(u), "Added 120 new picture(s)") {
		t.Fatalf("status %q", uitest.Status(u))
	}
	th.Do(func() { uitest.SetAdvanced(t, u, "Epochs", "1") })
	th.Do(func() { uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenTrain), "Start training") })
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("training showed %q", d)
	}
	th.Do(func() {
		checkResults(t, uitest.Tabs(t, u).Items[uitest.ScreenResults].Content, 3, 24, 0)
	})
}
