package imageprep

import (
	"image"
	"math"
	"math/rand"
)

// AugmentOff turns off random changes Augment makes to the training
// pictures. The zero value keeps them all, as training always did.
type AugmentOff struct {
	// Crop keeps the whole picture, resized and centre-cropped as for
	// evaluation, instead of a random part of it.
	Crop bool `json:"crop,omitempty"`
	// Flip never mirrors the picture left to right.
	Flip bool `json:"flip,omitempty"`
}

// AugmentSamples shows what training feeds the network for img: n pictures
// (Crop×Crop) made by Augment, as the training loop calls it (one seed per
// picture, drawn from a generator seeded with seed), turned back from the
// normalised tensor into 8-bit colours.
func (t Transform) AugmentSamples(img image.Image, seed int64, n int) []*image.RGBA {
	rng := rand.New(rand.NewSource(seed))
	x := make([]float32, t.Len())
	out := make([]*image.RGBA, n)
	for i := range out {
		t.Augment(img, rand.New(rand.NewSource(rng.Int63())), x)
		out[i] = t.picture(x)
	}
	return out
}

// picture undoes normalize: the (3, Crop, Crop) tensor x as an image.
func (t Transform) picture(x []float32) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, t.Crop, t.Crop))
	plane := t.Crop * t.Crop
	for i := range plane {
		for c := range 3 {
			v := float64(x[c*plane+i]*t.Std[c]+t.Mean[c]) * 255
			m.Pix[4*i+c] = uint8(math.Round(math.Max(0, math.Min(255, v))))
		}
		m.Pix[4*i+3] = 255
	}
	return m
}
