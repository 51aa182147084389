package jpegdec

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// maxFuzzPixels keeps the fuzzer's images small: imageprep refuses big
// ones from the header before decoding (MaxPixels), so a header claiming
// a huge size is not this decoder's to allocate.
const maxFuzzPixels = 1 << 22

// FuzzDecode feeds arbitrary bytes to the decoder: it must return an
// image or an error, never panic or hang, and a decoded image has the size
// its header announced.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"gray.jpg", "rgb420.jpg", "rgb422.jpg", "rgb444.jpg", "cmyk.jpg", "exif6.jpg"} {
		if raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "images", name)); err == nil {
			f.Add(raw)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > maxFuzzPixels {
			return
		}
		m, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		if b := m.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
			t.Fatalf("header says %dx%d, image is %v", cfg.Width, cfg.Height, b)
		}
	})
}
