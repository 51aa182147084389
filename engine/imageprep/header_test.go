package imageprep

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// CheckHeader refuses what DecodeBytes refuses before the pixels (empty,
// not a picture, too large), reads the format and size, and lets a
// truncated body through: only decoding finds that.
func TestCheckHeader(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "images", "exif6.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	full, err := DecodeBytes("exif6.jpg", raw)
	if err != nil {
		t.Fatal(err)
	}
	h, err := CheckHeader("exif6.jpg", raw)
	if err != nil || h.Format != "jpeg" || h.Width*h.Height != full.Bounds().Dx()*full.Bounds().Dy() {
		t.Errorf("header %+v (%v); decoded %v", h, err, full.Bounds())
	}
	cut := raw[:len(raw)*2/3]
	if _, err := CheckHeader("cut.jpg", cut); err != nil {
		t.Errorf("a truncated body's header: %v", err)
	}
	if _, err := DecodeBytes("cut.jpg", cut); !errors.Is(err, ErrCorrupt) {
		t.Errorf("decoding a truncated body: %v, want ErrCorrupt", err)
	}
	for name, c := range map[string]struct {
		data []byte
		kind error
	}{
		"empty.jpg": {nil, ErrEmpty},
		"notes.jpg": {[]byte("shopping list"), ErrNotImage},
		"bomb.png":  {pngWithHeader(100000, 100000), ErrTooLarge},
	} {
		if _, err := CheckHeader(name, c.data); !errors.Is(err, c.kind) {
			t.Errorf("%s: %v, want %v", name, err, c.kind)
		}
	}
}
