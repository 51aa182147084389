package icondraw

import (
	"image/color"
	"testing"
)

func TestDrawLayout(t *testing.T) {
	n := 128
	img := Draw(n)
	// Corners lie outside the rounded tile: fully transparent.
	if c := img.NRGBAAt(0, 0); c.A != 0 {
		t.Errorf("corner = %v, want transparent", c)
	}
	// The tile's interior between nodes is the opaque blue background.
	if c := img.NRGBAAt(n/2, n/10); c != (color.NRGBA{0x1f, 0x5f, 0x8b, 0xff}) {
		t.Errorf("tile background = %v", c)
	}
	// The centre of the output node (x=0.76, y=0.5) is orange.
	if c := img.NRGBAAt(int(0.76*float64(n)), n/2); c != (color.NRGBA{0xff, 0xa6, 0x2b, 0xff}) {
		t.Errorf("output node = %v, want orange", c)
	}
	// The centre of an input node (x=0.24, y=0.3) is white.
	if c := img.NRGBAAt(int(0.24*float64(n)), int(0.3*float64(n))); c != (color.NRGBA{0xff, 0xff, 0xff, 0xff}) {
		t.Errorf("input node = %v, want white", c)
	}
}

func TestCoverageIsAntialiased(t *testing.T) {
	for _, tc := range []struct{ d, want float64 }{{-2, 1}, {0, 0.5}, {0.25, 0.25}, {2, 0}} {
		if got := coverage(tc.d); got != tc.want {
			t.Errorf("coverage(%g) = %g, want %g", tc.d, got, tc.want)
		}
	}
	// Compositing half-covered white over nothing gives 50% alpha white.
	c := unpremultiply(over([4]float64{}, color.NRGBA{255, 255, 255, 255}, 0.5))
	if c != (color.NRGBA{255, 255, 255, 128}) {
		t.Errorf("half coverage = %v", c)
	}
}
