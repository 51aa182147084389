package imageprep

import (
	"image"
	"image/color"
	"math/rand"
	"testing"
)

// gradient is 90×60 with red growing left to right and green top to bottom.
func gradient() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 90, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 90; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), uint8(y * 3), 128, 255})
		}
	}
	return img
}

// TestAugmentOff: with both changes off every sample is the evaluation
// picture; with only the crop off, each is that picture or its mirror
// image, and the flips fall where they fall with both on (the same draws).
func TestAugmentOff(t *testing.T) {
	img := gradient()
	tr := ImageNet()
	tr.Resize, tr.Crop = 40, 32
	eval := tr.Prepare(img)
	mirrored := tr.Prepare(img)
	mirror(mirrored)

	none := tr
	none.Off = AugmentOff{Crop: true, Flip: true}
	for i, s := range none.AugmentSamples(img, 3, 6) {
		if !samePixels(s, eval) {
			t.Fatalf("sample %d differs from the evaluation picture with both changes off", i)
		}
	}
	flipsOnly := tr
	flipsOnly.Off = AugmentOff{Crop: true}
	flipped := 0
	for i, s := range flipsOnly.AugmentSamples(img, 3, 20) {
		switch {
		case samePixels(s, mirrored):
			flipped++
		case !samePixels(s, eval):
			t.Fatalf("sample %d is neither the picture nor its mirror image", i)
		}
	}
	if flipped == 0 || flipped == 20 {
		t.Errorf("%d of 20 samples mirrored, want some but not all", flipped)
	}
	// Samples equal the training loop's tensors, turned back into colours.
	all := tr.AugmentSamples(img, 3, 2)
	rng := rand.New(rand.NewSource(3))
	x := make([]float32, tr.Len())
	for i := range all {
		tr.Augment(img, rand.New(rand.NewSource(rng.Int63())), x)
		if !samePixels(all[i], tr.picture(x)) {
			t.Errorf("sample %d is not what Augment gives the training loop", i)
		}
		if samePixels(all[i], eval) {
			t.Errorf("sample %d with random crops on is the evaluation picture", i)
		}
	}
}

// TestPictureUndoesNormalize: 8-bit colours survive the round trip exactly.
func TestPictureUndoesNormalize(t *testing.T) {
	tr := ImageNet()
	tr.Resize, tr.Crop = 0, 90
	img := image.NewRGBA(image.Rect(0, 0, 90, 90))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	x := make([]float32, tr.Len())
	tr.Apply(img, x)
	if !samePixels(tr.picture(x), img) {
		t.Error("colours changed on the way through the tensor")
	}
}

func samePixels(a, b *image.RGBA) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			return false
		}
	}
	return true
}
