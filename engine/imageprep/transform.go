package imageprep

import (
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"
)

// Transform is torchvision's evaluation preprocessing:
//
//	transforms.Compose([Resize(Resize), CenterCrop(Crop), ToTensor(), Normalize(Mean, Std)])
//
// applied to a PIL image already converted to RGB. Resize <= 0 skips the
// resize. Crop must be positive: the output is always (3, Crop, Crop).
type Transform struct {
	Resize, Crop int
	Mean, Std    [3]float32

	// Off turns off some of Augment's random changes (issue 15's
	// augmentation preview); evaluation ignores it.
	Off AugmentOff `json:"augment_off,omitzero"`
}

// ImageNet returns the preprocessing every torchvision classification model
// was trained with: Resize(256), CenterCrop(224) and the ImageNet channel
// statistics.
func ImageNet() Transform {
	return Transform{
		Resize: 256,
		Crop:   224,
		Mean:   [3]float32{0.485, 0.456, 0.406},
		Std:    [3]float32{0.229, 0.224, 0.225},
	}
}

// keyVersion changes whenever the pixels this package produces for the same
// file and Transform change (a decoder or resampler fix), so feature caches
// keyed by Key are invalidated.
const keyVersion = 1

// Key is a stable one-line description of the preprocessing, including the
// algorithm version, for keying feature caches. Equal Keys mean equal
// tensors for equal files.
func (t Transform) Key() string {
	f := func(v [3]float32) string {
		s := make([]string, 3)
		for i, x := range v {
			s[i] = strconv.FormatFloat(float64(x), 'g', -1, 32)
		}
		return strings.Join(s, ",")
	}
	return fmt.Sprintf("imageprep/v%d exif rgb=pil9.4 resize=%d:pil-bilinear-aa crop=%d:center-pad0 mean=%s std=%s",
		keyVersion, t.Resize, t.Crop, f(t.Mean), f(t.Std))
}

// Len is the number of float32 values Apply writes: 3*Crop*Crop.
func (t Transform) Len() int { return 3 * t.Crop * t.Crop }

// ResizedSize is the size torchvision's Resize(t.Resize) gives a w×h image:
// the shorter side becomes t.Resize and the longer one
// int(t.Resize*long/short), truncated (Python float division, then int()).
func (t Transform) ResizedSize(w, h int) (int, int) {
	if t.Resize <= 0 || w <= 0 || h <= 0 {
		return w, h
	}
	short, long := w, h
	if h < w {
		short, long = h, w
	}
	newLong := int(float64(t.Resize*long) / float64(short))
	if w <= h {
		return t.Resize, newLong
	}
	return newLong, t.Resize
}

// cropStart is torchvision's CenterCrop offset along one axis of length n
// for a crop of c: if c > n the image is padded with (c-n)/2 zeros before
// (so the crop starts at a negative index), otherwise
// int(round((n-c)/2.0)) with Python's round half to even.
func cropStart(n, c int) int {
	if c > n {
		return -((c - n) / 2)
	}
	return int(math.RoundToEven(float64(n-c) / 2))
}

// Prepare returns the Crop×Crop 8-bit image that torchvision's ToTensor
// would receive: img converted to RGB as PIL does (see ToRGB), resized with
// Pillow's antialiased bilinear filter and centre-cropped, zero-padded where
// the resized image is smaller than the crop.
func (t Transform) Prepare(img image.Image) *image.RGBA {
	if t.Crop <= 0 {
		panic(fmt.Sprintf("imageprep: Transform.Crop must be positive, got %d", t.Crop))
	}
	src := ToRGB(img)
	b := src.Bounds()
	w, h := t.ResizedSize(b.Dx(), b.Dy())
	x0, y0 := cropStart(w, t.Crop), cropStart(h, t.Crop)
	// The part of the crop that lies inside the resized image.
	win := window{x0: max(x0, 0), y0: max(y0, 0), x1: min(x0+t.Crop, w), y1: min(y0+t.Crop, h)}
	out := image.NewRGBA(image.Rect(0, 0, t.Crop, t.Crop))
	for i := 3; i < len(out.Pix); i += 4 {
		out.Pix[i] = 255
	}
	if win.x0 >= win.x1 || win.y0 >= win.y1 {
		return out // nothing of the image falls in the crop: all padding
	}
	part := resizeWindow(src, w, h, win)
	pb := part.Bounds()
	for y := range win.y1 - win.y0 {
		srcRow := part.Pix[part.PixOffset(pb.Min.X, pb.Min.Y+y):]
		dstRow := out.Pix[out.PixOffset(win.x0-x0, win.y0-y0+y):]
		copy(dstRow[:4*(win.x1-win.x0)], srcRow)
	}
	return out
}

// Apply writes the (3, Crop, Crop) CHW tensor of img into dst, which must
// hold exactly t.Len() values: Prepare, then ToTensor (v/255) and Normalize
// ((x-mean)/std), each in float32 as PyTorch computes them, so the result is
// bit-identical to torchvision's for the same 8-bit crop.
func (t Transform) Apply(img image.Image, dst []float32) {
	if len(dst) != t.Len() {
		panic(fmt.Sprintf("imageprep: Apply: dst has %d values, want 3*%d*%d = %d", len(dst), t.Crop, t.Crop, t.Len()))
	}
	t.normalize(t.Prepare(img), dst)
}

// normalize converts a Crop×Crop RGBA image (HWC uint8) to a normalised CHW
// float32 tensor.
func (t Transform) normalize(crop *image.RGBA, dst []float32) {
	plane := t.Crop * t.Crop
	for c := range 3 {
		mean, std := t.Mean[c], t.Std[c]
		out := dst[c*plane : (c+1)*plane]
		for y := range t.Crop {
			row := crop.Pix[y*crop.Stride:]
			for x := range t.Crop {
				v := float32(row[4*x+c]) / 255
				out[y*t.Crop+x] = (v - mean) / std
			}
		}
	}
}

// ImageNetAt is ImageNet's preprocessing scaled to size×size crops of
// pictures resized to size*8/7 (the ratio of 224 to 256); size 0 gives
// ImageNet itself. Smaller sizes train much faster and suit simple pictures.
// A negative size stays negative, for Transform.Check to refuse rather
// than to become the default unseen.
func ImageNetAt(size int) Transform {
	t := ImageNet()
	if size != 0 {
		t.Resize, t.Crop = size*8/7, size
	}
	return t
}
