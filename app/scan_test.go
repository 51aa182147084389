package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
	"transferlab/ui/uitest"
)

// TestScanFindingsReachThePicturesScreen: with the real engine, a folder
// whose two classes hold the same picture, beside an empty class folder,
// shows both copies' paths and the empty folder with its reason, in plain
// words, on the Pictures screen.
func TestScanFindingsReachThePicturesScreen(t *testing.T) {
	root := shareddata.Copy(t, "datasets/catsdogs-60")
	cat, mystery := filepath.Join(root, "cat", "cat-01.jpg"), filepath.Join(root, "dog", "mystery.jpg")
	data, err := os.ReadFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mystery, data, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(root, "New Folder")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	u := newWindow(t)
	uitest.Drop(u, root)
	if d := uitest.Dialog(u); d != "" {
		t.Fatalf("dropping the folder showed a dialog %q", d)
	}
	pictures := uitest.Screen(t, u, uitest.ScreenPictures)
	uitest.Label(t, pictures, "Warning: 1 picture is filed under two classes")
	uitest.Label(t, pictures, cat+" (cat) and "+mystery+" (dog)")
	uitest.Label(t, pictures, empty+": class folder holds no pictures")
	for _, l := range uitest.Labels(pictures) {
		if strings.Contains(l, "dataset:") {
			t.Errorf("a label names a Go package: %q", l)
		}
	}
}
