package resources

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"transferlab/resources/icondraw"
)

// The embedded PNG must be exactly what icondraw paints, so the committed
// file cannot drift from the code that documents it.
func TestIconMatchesDrawing(t *testing.T) {
	res := Icon()
	img, err := png.Decode(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatalf("embedded icon is not a PNG: %v", err)
	}
	if img.Bounds() != image.Rect(0, 0, IconSize, IconSize) {
		t.Fatalf("icon bounds %v, want %dx%d", img.Bounds(), IconSize, IconSize)
	}
	want := icondraw.Draw(IconSize)
	for y := 0; y < IconSize; y++ {
		for x := 0; x < IconSize; x++ {
			r1, g1, b1, a1 := img.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("pixel (%d,%d) = %v, drawing has %v; run go generate ./resources", x, y, img.At(x, y), want.At(x, y))
			}
		}
	}
}
