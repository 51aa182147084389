package window

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"transferlab/ui/camera"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/uitest"
)

func TestCameraWindowClosesWithTheMainWindow(t *testing.T) {
	shelf := camera.NewShelf()
	shelf.Add("Test camera", []string{filepath.Join(catsDogs(t), "cat", "cat-01.jpg")}, 0, true)
	u := newTestApp(t, fakeengine.New(), WithCameras(shelf))
	u.AddPaths([]string{catsDogs(t)})
	if err := u.SaveProject(filepath.Join(t.TempDir(), "pets"+project.Extension)); err != nil {
		t.Fatal(err)
	}
	// The camera opens, but the launcher keeps its reading for later.
	var reads []func()
	u.host.Launch = func(job func()) { reads = append(reads, job) }
	uitest.Tap(t, uitest.Screen(t, u, uitest.ScreenPictures), "Record from camera...")
	list := reads[0]
	reads = reads[1:]
	list() // the cameras are listed; opening the first waits in reads
	record := recordWindows(u)
	if len(record) != 1 || record[0].Title() != "Record pictures of cat" {
		t.Fatalf("camera windows open: %d", len(record))
	}
	u.closeNow()
	if n := len(recordWindows(u)); n != 0 || slices.Contains(u.fyneApp.Driver().AllWindows(), u.win) {
		t.Errorf("%d camera windows still open after the main window closed", n)
	}
	reads[0]() // the camera's goroutine starts only now, and lets the camera go at once
	if opened := shelf.Opened("Test camera"); len(opened) != 1 || !opened[0].Closed() || opened[0].Reads() != 0 {
		t.Errorf("the camera was opened %d times and not released at once", len(opened))
	}
}

// recordWindows are the open "Record pictures of ..." windows.
func recordWindows(u *App) []fyne.Window {
	var out []fyne.Window
	for _, w := range u.fyneApp.Driver().AllWindows() {
		if strings.HasPrefix(w.Title(), "Record pictures of ") {
			out = append(out, w)
		}
	}
	return out
}
