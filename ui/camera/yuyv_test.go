package camera

import (
	"image"
	"image/color"
	"testing"
)

func TestCameraYUYVFrameBecomesItsColours(t *testing.T) {
	// Two pixels: Y0 U Y1 V. Pure red in BT.601 (what image/color uses)
	// is Y 76, Cb 85, Cr 255; a second, darker pixel shares the chroma.
	frame := []byte{76, 85, 40, 255, 76, 85, 40, 255}
	img, err := yuyvImage(frame, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	r, g, b, _ := img.At(0, 1).RGBA()
	if r>>8 < 250 || g>>8 > 5 || b>>8 > 5 {
		t.Errorf("the first pixel is %d,%d,%d, want red", r>>8, g>>8, b>>8)
	}
	if got := img.At(1, 0).(color.YCbCr); got != (color.YCbCr{Y: 40, Cb: 85, Cr: 255}) {
		t.Errorf("the second pixel is %v", got)
	}
	if img.Bounds() != image.Rect(0, 0, 2, 2) {
		t.Errorf("bounds %v", img.Bounds())
	}
	if _, err := yuyvImage(frame[:6], 2, 2); err == nil {
		t.Error("a short frame was accepted")
	}
}
