package host

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlainDropsPackagesAndNamesSystemFailures(t *testing.T) {
	_, missing := os.Open(filepath.Join(t.TempDir(), "gone.jpg"))
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("dataset: reading %s: %w", "x", errors.New("imageprep: x: not an image")), "Reading x: x: not an image."},
		{errors.New("weights: expected a PyTorch .pth file"), "Expected a PyTorch .pth file."},
		{fmt.Errorf("train: %w", missing), "This file or folder is not there (any more): "},
		{errors.New("Already a sentence!"), "Already a sentence!"},
		{errors.New(""), "Something went wrong."},
	} {
		if got := Plain(c.err); !strings.HasPrefix(got, c.want) {
			t.Errorf("Plain(%q) = %q, want it to start %q", c.err, got, c.want)
		}
	}
}

func TestCheckPathSaysWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	photo := filepath.Join(dir, "bird.JPG")
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(photo, []byte("x"), 0o644)
	os.WriteFile(notes, []byte("x"), 0o644)
	for _, c := range []struct {
		kind  PathKind
		typed string
		ok    bool
		says  string
	}{
		{FolderPath, "  " + dir + " ", true, ""},
		{FolderPath, `"` + dir + `"`, true, ""}, // pasted with quotes
		{FolderPath, photo, false, "That is a file"},
		{PicturePath, photo, true, ""},
		{PicturePath, dir, false, "That is a folder"},
		{PicturePath, notes, false, "ending in .jpg"},
		{WeightsPath, photo, false, "ending in .pth, .pt"},
		{PicturePath, filepath.Join(dir, "nope.png"), false, "Nothing is at that path"},
		{FolderPath, "", false, "Type or paste a path first"},
	} {
		got, err := checkPath(c.kind, c.typed)
		switch {
		case c.ok && err != nil:
			t.Errorf("%s %q refused: %v", c.kind, c.typed, err)
		case c.ok && got != filepath.Clean(strings.Trim(strings.TrimSpace(c.typed), `"`)):
			t.Errorf("%s %q gave %q", c.kind, c.typed, got)
		case !c.ok && (err == nil || !strings.Contains(err.Error(), c.says)):
			t.Errorf("%s %q: error %v, want one saying %q", c.kind, c.typed, err, c.says)
		}
	}
}
