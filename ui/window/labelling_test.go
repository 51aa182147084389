package window

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"transferlab/internal/shareddata"
	"transferlab/ui/fakeengine"
	"transferlab/ui/project"
	"transferlab/ui/thumbs"
	"transferlab/ui/uitest"
)

// selectPictures taps the first n pictures of the Pictures screen's grid
// where they are on the window, as a user would, and returns them, sorted.
func selectPictures(t *testing.T, u *App, n int) []string {
	t.Helper()
	var tiles []*thumbs.Tile
	for _, tile := range uitest.Find[*thumbs.Tile](uitest.Screen(t, u, uitest.ScreenPictures)) {
		if tile.Visible() && tile.Path() != "" {
			tiles = append(tiles, tile)
		}
	}
	if len(tiles) < n {
		t.Fatalf("the grid shows %d pictures, want at least %d", len(tiles), n)
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject
	slices.SortFunc(tiles, func(a, b *thumbs.Tile) int { // reading order
		pa, pb := at(a), at(b)
		if pa.Y != pb.Y {
			return int(pa.Y - pb.Y)
		}
		return int(pa.X - pb.X)
	})
	var paths []string
	for _, tile := range tiles[:n] {
		test.TapCanvas(u.win.Canvas(), at(tile).AddXY(5, 5))
		paths = append(paths, tile.Path())
	}
	slices.Sort(paths)
	return paths
}

func TestNumberKeysMovePicturesAndSaveProject(t *testing.T) {
	root := shareddata.Copy(t, "datasets/catsdogs-60")
	u := newTestApp(t, fakeengine.New())
	projPath := filepath.Join(t.TempDir(), "pets"+project.Extension)
	if err := u.SaveProject(projPath); err != nil {
		t.Fatal(err)
	}
	uitest.Drop(u, root)
	moved := selectPictures(t, u, 3)
	before := shareddata.FileState(t, moved[0])
	if !uitest.HasLabel(u.pictures.Content(), "(3 selected)") {
		t.Errorf("title does not count the selection: %q", uitest.Labels(u.pictures.Content()))
	}

	test.TypeOnCanvas(u.win.Canvas(), "2")

	if got := len(u.store.Project().ImagesOf("dog")); got != 33 {
		t.Errorf("dog has %d pictures after pressing 2, want 33", got)
	}
	if !uitest.HasLabel(u.pictures.Content(), "27 pictures") || !uitest.HasLabel(u.pictures.Content(), "33 pictures") {
		t.Errorf("cards not updated: %q", uitest.Labels(u.pictures.Content()))
	}
	saved, err := project.Load(projPath)
	if err != nil {
		t.Fatal(err)
	}
	if im, _ := saved.Image(moved[0]); im.Class != "dog" {
		t.Errorf("project file has %s as %q, want dog", moved[0], im.Class)
	}
	if shareddata.FileState(t, moved[0]) != before {
		t.Error("relabelling touched the picture file")
	}
	if _, err := os.Stat(filepath.Join(root, "cat", filepath.Base(moved[0]))); err != nil {
		t.Errorf("picture no longer in its folder: %v", err)
	}
	// A key for a class that does not exist does nothing.
	selectPictures(t, u, 1)
	test.TypeOnCanvas(u.win.Canvas(), "7")
	if len(u.store.Project().ImagesOf("cat")) != 27 {
		t.Error("pressing 7 with two classes moved pictures")
	}
}
