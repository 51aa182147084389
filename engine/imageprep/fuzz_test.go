package imageprep

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeBytes feeds arbitrary bytes to the decoding of every format
// (JPEG, PNG, GIF, BMP, WebP, TIFF, with EXIF orientation): the result is
// an opaque RGBA picture at the origin, or an error naming the file; never
// a panic, and never an allocation past MaxPixels.
func FuzzDecodeBytes(f *testing.F) {
	for _, name := range []string{"rgb420.jpg", "exif6.jpg", "palette.png", "la.png", "orient6.png",
		"offset.gif", "pal8.bmp", "lossy.webp", "alpha.webp", "orient6.webp", "orient8.tif"} {
		if raw, err := os.ReadFile(filepath.Join("testdata", "images", name)); err == nil {
			f.Add(raw)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeBytes("fuzz.img", data)
		if err != nil {
			return
		}
		b := m.Bounds()
		if b.Min.X != 0 || b.Min.Y != 0 || b.Dx() <= 0 || b.Dy() <= 0 || b.Dx()*b.Dy() > MaxPixels {
			t.Fatalf("decoded bounds %v", b)
		}
	})
}
