package imageprep

import (
	"image"
	"image/color"
	"math/rand"
	"testing"
)

func TestRandomCropStaysInsideAndRespectsRanges(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, size := range [][2]int{{640, 427}, {100, 100}, {50, 400}, {1, 1}} {
		w, h := size[0], size[1]
		for range 200 {
			r := randomCrop(w, h, rng)
			if !r.In(image.Rect(0, 0, w, h)) || r.Empty() {
				t.Fatalf("%dx%d: crop %v outside the image", w, h, r)
			}
		}
	}
}

// Mirroring a left-dark/right-light image makes it right-dark; the same seed
// gives the same tensor and another seed a different one.
func TestAugmentDeterministicAndMirrors(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 90, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 90; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 3), 128, 255})
		}
	}
	tr := ImageNet()
	tr.Resize, tr.Crop = 40, 32
	a, b, c := make([]float32, tr.Len()), make([]float32, tr.Len()), make([]float32, tr.Len())
	tr.Augment(img, rand.New(rand.NewSource(7)), a)
	tr.Augment(img, rand.New(rand.NewSource(7)), b)
	tr.Augment(img, rand.New(rand.NewSource(8)), c)
	same, differ := true, false
	for i := range a {
		same = same && a[i] == b[i]
		differ = differ || a[i] != c[i]
	}
	if !same || !differ {
		t.Fatalf("same seed equal: %v, other seed differs: %v", same, differ)
	}
	m := image.NewRGBA(image.Rect(0, 0, 3, 1))
	m.Pix = []uint8{1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255}
	mirror(m)
	if m.Pix[0] != 3 || m.Pix[4] != 2 || m.Pix[8] != 1 {
		t.Fatalf("mirror: %v", m.Pix)
	}
}

func TestImageNetAtKeepsTheResizeToCropRatio(t *testing.T) {
	if tr := ImageNetAt(0); tr != ImageNet() {
		t.Errorf("size 0: %+v, want ImageNet()", tr)
	}
	if tr := ImageNetAt(64); tr.Resize != 73 || tr.Crop != 64 || tr.Mean != ImageNet().Mean {
		t.Errorf("64 pixels: %+v", tr)
	}
}
