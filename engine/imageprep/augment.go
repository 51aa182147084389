package imageprep

import (
	"image"
	"math"
	"math/rand"
)

// Augmentation ranges of torchvision's RandomResizedCrop as TransferLab uses
// it: the crop covers 25-100% of the image area with an aspect ratio between
// 3:4 and 4:3. (torchvision's default lower bound, 8%, is too aggressive for
// the small datasets of the whole-network cases.)
const (
	minCropArea  = 0.25
	maxCropArea  = 1.0
	minCropRatio = 3.0 / 4
	maxCropRatio = 4.0 / 3
)

// Augment writes a randomly cropped, resized and mirrored version of img as a
// (3, Crop, Crop) tensor, like torchvision's RandomResizedCrop(Crop,
// scale=(0.25, 1)) followed by RandomHorizontalFlip and Normalize. The same
// rng state gives the same result.
//
// t.Off turns either change off: without the random crop the picture is
// resized and centre-cropped as for evaluation (Prepare). The flip is drawn
// from rng either way, so turning it off changes nothing else.
func (t Transform) Augment(img image.Image, rng *rand.Rand, dst []float32) {
	var out *image.RGBA
	if t.Off.Crop {
		out = t.Prepare(img)
	} else {
		out = randomResizedCrop(img, t.Crop, rng)
	}
	if rng.Intn(2) == 1 && !t.Off.Flip {
		mirror(out)
	}
	t.normalize(out, dst)
}

// randomResizedCrop cuts a random part of img (randomCrop) and resizes it
// to size×size.
func randomResizedCrop(img image.Image, size int, rng *rand.Rand) *image.RGBA {
	src := ToRGB(img)
	b := src.Bounds()
	r := randomCrop(b.Dx(), b.Dy(), rng)
	crop := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(crop.Pix[y*crop.Stride:(y+1)*crop.Stride], src.Pix[src.PixOffset(b.Min.X+r.Min.X, b.Min.Y+r.Min.Y+y):])
	}
	return resizeWindow(crop, size, size, window{0, 0, size, size})
}

// randomCrop follows torchvision's RandomResizedCrop.get_params: ten tries
// at a random area and log-uniform aspect ratio, then the centre crop
// clamped to the allowed ratios.
func randomCrop(w, h int, rng *rand.Rand) image.Rectangle {
	area := float64(w * h)
	logLo, logHi := math.Log(minCropRatio), math.Log(maxCropRatio)
	for range 10 {
		target := area * (minCropArea + rng.Float64()*(maxCropArea-minCropArea))
		ratio := math.Exp(logLo + rng.Float64()*(logHi-logLo))
		cw := int(math.Round(math.Sqrt(target * ratio)))
		ch := int(math.Round(math.Sqrt(target / ratio)))
		if cw > 0 && ch > 0 && cw <= w && ch <= h {
			x, y := rng.Intn(w-cw+1), rng.Intn(h-ch+1)
			return image.Rect(x, y, x+cw, y+ch)
		}
	}
	cw, ch := w, h
	if ratio := float64(w) / float64(h); ratio < minCropRatio {
		ch = int(math.Round(float64(w) / minCropRatio))
	} else if ratio > maxCropRatio {
		cw = int(math.Round(float64(h) * maxCropRatio))
	}
	x, y := (w-cw)/2, (h-ch)/2
	return image.Rect(x, y, x+cw, y+ch)
}

// mirror flips an image left to right in place.
func mirror(m *image.RGBA) {
	w := m.Bounds().Dx()
	for y := 0; y < m.Bounds().Dy(); y++ {
		row := m.Pix[y*m.Stride:]
		for x := 0; x < w/2; x++ {
			a, b := row[4*x:4*x+4], row[4*(w-1-x):4*(w-x)]
			for k := range 4 {
				a[k], b[k] = b[k], a[k]
			}
		}
	}
}
