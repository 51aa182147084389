package imageprep

import (
	"image"
	"math"
)

// This file reproduces Pillow 9.4's Resample.c for 8-bit images with the
// BILINEAR filter, which is what torchvision's Resize uses on a PIL image.
// Pillow's bilinear is antialiased: when shrinking, the triangle filter is
// stretched by the scale factor, so every output pixel averages all the input
// pixels under it. The steps below follow Pillow exactly, because a single
// rounding difference shifts a pixel by one level:
//
//   - coefficients are computed in float64 per output sample, normalised to
//     sum 1, then converted to fixed point with 22 fractional bits;
//   - the horizontal pass runs first, over only the input rows the vertical
//     pass will read, and its result is rounded and clipped to uint8;
//   - the vertical pass then reads that uint8 intermediate;
//   - a pass whose output size equals its input size is skipped.

// precisionBits is Pillow's PRECISION_BITS (32 - 8 - 2): fixed-point fraction
// bits of a filter weight, leaving room for 8-bit samples and overflow.
const precisionBits = 32 - 8 - 2

// taps holds the fixed-point filter of one axis for a range of output
// samples [from, to): the j-th of them (output from+j) weights input samples
// start[j] ... start[j]+count[j]-1 by weight[j*size ...].
type taps struct {
	size   int // Pillow's ksize: the most taps any output sample uses
	start  []int
	count  []int
	weight []int32
}

// bilinearWeight is Pillow's bilinear_filter: a triangle of support 1.
func bilinearWeight(x float64) float64 {
	if x < 0 {
		x = -x
	}
	if x < 1 {
		return 1 - x
	}
	return 0
}

// newTaps is Pillow's precompute_coeffs followed by normalize_coeffs_8bpc,
// restricted to output samples [from, to) of an axis of outSize samples
// resampled from inSize samples (box = whole input).
func newTaps(inSize, outSize, from, to int) taps {
	// Pillow computes (in1 - in0) in float32; exact for any image size.
	scale := float64(inSize) / float64(outSize)
	filterScale := scale
	if filterScale < 1 {
		filterScale = 1
	}
	support := 1.0 * filterScale // bilinear support is 1
	size := int(math.Ceil(support))*2 + 1
	n := to - from
	t := taps{size: size, start: make([]int, n), count: make([]int, n), weight: make([]int32, n*size)}
	k := make([]float64, size)
	ss := 1 / filterScale // Pillow multiplies by the reciprocal; so must we, bit for bit
	for i := range n {
		center := (float64(from+i) + 0.5) * scale
		xmin := int(center - support + 0.5) // C cast: truncation toward zero
		if xmin < 0 {
			xmin = 0
		}
		xmax := int(center + support + 0.5)
		if xmax > inSize {
			xmax = inSize
		}
		xmax -= xmin
		ww := 0.0
		for x := range xmax {
			w := bilinearWeight((float64(x+xmin) - center + 0.5) * ss)
			k[x] = w
			ww += w
		}
		for x := range xmax {
			if ww != 0 {
				k[x] /= ww
			}
			t.weight[i*size+x] = fixedPoint(k[x])
		}
		t.start[i], t.count[i] = xmin, xmax
	}
	return t
}

// fixedPoint is normalize_coeffs_8bpc for one weight: round half away from
// zero to precisionBits fractional bits.
func fixedPoint(w float64) int32 {
	if w < 0 {
		return int32(-0.5 + w*(1<<precisionBits))
	}
	return int32(0.5 + w*(1<<precisionBits))
}

// clip8 is Pillow's clip8: drop the fraction bits of a rounded fixed-point
// sum and clamp to 0..255.
func clip8(v int32) uint8 {
	if v >= 1<<precisionBits<<8 {
		return 255
	}
	if v <= 0 {
		return 0
	}
	return uint8(v >> precisionBits)
}

// window is a rectangle of the resized image that is actually needed (the
// crop); only it is computed, which gives the same pixels as resizing
// everything and cropping, since each output pixel depends only on its own
// taps.
type window struct{ x0, y0, x1, y1 int }

// resizeWindow resamples src (opaque RGBA, read as RGB) to outW×outH and
// returns the pixels of win, an RGBA image of win's size whose (0,0) is the
// window's top-left corner.
func resizeWindow(src *image.RGBA, outW, outH int, win window) *image.RGBA {
	b := src.Bounds()
	inW, inH := b.Dx(), b.Dy()
	vert := newTaps(inH, outH, win.y0, win.y1)
	// Input rows the vertical pass reads (Pillow's ybox_first/ybox_last);
	// without a vertical pass they are the window's rows themselves.
	rowLo, rowHi := win.y0, win.y1
	if outH != inH {
		rowLo, rowHi = inH, 0
		for i := range vert.start {
			rowLo = min(rowLo, vert.start[i])
			rowHi = max(rowHi, vert.start[i]+vert.count[i])
		}
		if rowLo >= rowHi { // empty window
			rowLo, rowHi = 0, 0
		}
	}
	var mid *image.RGBA
	if outW != inW {
		hor := newTaps(inW, outW, win.x0, win.x1)
		mid = horizontalPass(src, hor, rowLo, rowHi)
	} else {
		mid = src.SubImage(image.Rect(b.Min.X+win.x0, b.Min.Y+rowLo, b.Min.X+win.x1, b.Min.Y+rowHi)).(*image.RGBA)
	}
	if outH == inH {
		return mid
	}
	return verticalPass(mid, vert, rowLo)
}

// horizontalPass is ImagingResampleHorizontal_8bpc on input rows
// [rowLo, rowHi): output is len(hor.start) wide and rowHi-rowLo tall.
func horizontalPass(src *image.RGBA, hor taps, rowLo, rowHi int) *image.RGBA {
	w := len(hor.start)
	out := image.NewRGBA(image.Rect(0, 0, w, rowHi-rowLo))
	b := src.Bounds()
	for y := rowLo; y < rowHi; y++ {
		in := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
		o := out.Pix[(y-rowLo)*out.Stride:]
		for x := range w {
			k := hor.weight[x*hor.size:]
			s0, s1, s2 := int32(1<<(precisionBits-1)), int32(1<<(precisionBits-1)), int32(1<<(precisionBits-1))
			p := in[4*hor.start[x]:]
			for j := range hor.count[x] {
				s0 += int32(p[4*j]) * k[j]
				s1 += int32(p[4*j+1]) * k[j]
				s2 += int32(p[4*j+2]) * k[j]
			}
			o[4*x], o[4*x+1], o[4*x+2], o[4*x+3] = clip8(s0), clip8(s1), clip8(s2), 255
		}
	}
	return out
}

// verticalPass is ImagingResampleVertical_8bpc: src holds input rows starting
// at input row rowLo; output is src's width and len(vert.start) tall.
func verticalPass(src *image.RGBA, vert taps, rowLo int) *image.RGBA {
	b := src.Bounds()
	w := b.Dx()
	out := image.NewRGBA(image.Rect(0, 0, w, len(vert.start)))
	for y := range vert.start {
		k := vert.weight[y*vert.size:]
		first := vert.start[y] - rowLo
		o := out.Pix[y*out.Stride:]
		for x := range w {
			s0, s1, s2 := int32(1<<(precisionBits-1)), int32(1<<(precisionBits-1)), int32(1<<(precisionBits-1))
			for j := range vert.count[y] {
				p := src.Pix[src.PixOffset(b.Min.X+x, b.Min.Y+first+j):]
				s0 += int32(p[0]) * k[j]
				s1 += int32(p[1]) * k[j]
				s2 += int32(p[2]) * k[j]
			}
			o[4*x], o[4*x+1], o[4*x+2], o[4*x+3] = clip8(s0), clip8(s1), clip8(s2), 255
		}
	}
	return out
}
