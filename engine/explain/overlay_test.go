package explain

import (
	"image"
	"image/color"
	"testing"
)

// TestOverlayFollowsTheMap: on a grey picture, the hot corner of a 2x2 map
// turns red, and the cold corner keeps the picture's own colour.
func TestOverlayFollowsTheMap(t *testing.T) {
	pic := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range pic.Pix {
		pic.Pix[i] = 128
	}
	m := Map{H: 2, W: 2, Values: []float32{1, 0.5, 0.5, 0}, View: pic}
	out := Overlay(m)
	if out.Bounds() != pic.Bounds() {
		t.Fatalf("overlay %v, picture %v", out.Bounds(), pic.Bounds())
	}
	hot, cold := out.RGBAAt(2, 2), out.RGBAAt(37, 37)
	if hot.R < 180 || hot.G > 80 || hot.B > 80 {
		t.Errorf("hot corner %v, want red", hot)
	}
	if cold != (color.RGBA{128, 128, 128, 255}) {
		t.Errorf("cold corner %v, want the picture's grey", cold)
	}
	if Heat(0) != (color.RGBA{0, 0, 255, 255}) || Heat(1) != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("heat scale ends %v and %v, want blue and red", Heat(0), Heat(1))
	}
}
