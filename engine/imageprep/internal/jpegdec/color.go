package jpegdec

// The upsampling and colour conversion below follow libjpeg-turbo's
// jdsample.c and jdcolor.c (IJG License; based in part on the work of the
// Independent JPEG Group).

import "image"

// PIL decodes JPEGs with libjpeg-turbo's defaults: "fancy" (triangle filter)
// upsampling of subsampled chroma and fixed-point YCbCr→RGB tables. The
// decoder returns the planes as decoded (an *image.YCbCr with subsampled
// chroma, like image/jpeg) and YCbCrToRGB does both steps the libjpeg way
// (jdsample.c, jdcolor.c). image.YCbCr's own At repeats each chroma sample
// (box filter) with a different fixed-point formula, which moves pixels
// near colour edges by several levels.

// chromaFactors is the horizontal and vertical upsampling factor of a ratio;
// ok is false for ratios this file does not handle.
func chromaFactors(r image.YCbCrSubsampleRatio) (h, v int, ok bool) {
	switch r {
	case image.YCbCrSubsampleRatio444:
		return 1, 1, true
	case image.YCbCrSubsampleRatio422:
		return 2, 1, true
	case image.YCbCrSubsampleRatio420:
		return 2, 2, true
	case image.YCbCrSubsampleRatio440:
		return 1, 2, true
	case image.YCbCrSubsampleRatio411:
		return 4, 1, true
	case image.YCbCrSubsampleRatio410:
		return 4, 2, true
	}
	return 0, 0, false
}

// plane is one 8-bit sample plane: w×h samples, row y at pix[y*stride:].
type plane struct {
	pix    []uint8
	stride int
	w, h   int
}

// at returns the sample at (x, y) with coordinates clamped to the plane,
// which is libjpeg's edge replication.
func (p plane) at(x, y int) int {
	x = min(max(x, 0), p.w-1)
	y = min(max(y, 0), p.h-1)
	return int(p.pix[y*p.stride+x])
}

// YCbCrToRGB converts a YCbCr image as decoded from a JPEG (bounds at the
// origin) to an opaque RGBA image the libjpeg-turbo way. It returns nil for
// layouts it does not handle (sub-images, unknown ratios).
func YCbCrToRGB(m *image.YCbCr) *image.RGBA {
	hf, vf, ok := chromaFactors(m.SubsampleRatio)
	if !ok || m.Rect.Min != (image.Point{}) {
		return nil
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	// libjpeg's downsampled_width/height: ceil(size / factor).
	cw, ch := (w+hf-1)/hf, (h+vf-1)/vf
	cb := upsampleChroma(plane{m.Cb, m.CStride, cw, ch}, hf, vf, w, h)
	cr := upsampleChroma(plane{m.Cr, m.CStride, cw, ch}, hf, vf, w, h)
	out := newOpaque(w, h)
	for y := range h {
		yrow := m.Y[y*m.YStride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i := y*w + x
			o[4*x], o[4*x+1], o[4*x+2] = libjpegYCC(int(yrow[x]), int(cb[i]), int(cr[i]))
		}
	}
	return out
}

// libjpegYCC is jdcolor.c's ycc_rgb_convert with build_ycc_rgb_table's
// 16-bit fixed-point constants FIX(1.40200)=91881, FIX(1.77200)=116130,
// FIX(0.71414)=46802, FIX(0.34414)=22554, and arithmetic right shifts.
func libjpegYCC(y, cb, cr int) (r, g, b uint8) {
	const half = 1 << 15
	x, z := cb-128, cr-128
	crR := (91881*z + half) >> 16
	cbB := (116130*x + half) >> 16
	gOff := (-22554*x + half - 46802*z) >> 16
	return clamp8(y + crR), clamp8(y + gOff), clamp8(y + cbB)
}

// upsampleChroma expands a chroma plane to w×h samples (returned densely,
// row-major) with the method libjpeg-turbo 2.1 picks in jinit_upsampler when
// do_fancy_upsampling is on: h2v1 and h2v2 fancy when the plane is more than
// 2 samples wide, h1v2 fancy always, plain replication otherwise.
func upsampleChroma(p plane, hf, vf, w, h int) []uint8 {
	out := make([]uint8, w*h)
	if hf == 1 && vf == 1 { // full resolution: copy
		for y := range h {
			copy(out[y*w:(y+1)*w], p.pix[y*p.stride:])
		}
		return out
	}
	fancy := func(x, y int) uint8 { return uint8(p.at(x/hf, y/vf)) } // replication
	switch {
	case hf == 2 && vf == 1 && p.w > 2:
		fancy = func(x, y int) uint8 { return fancyH2V1(p, x, y) }
	case hf == 2 && vf == 2 && p.w > 2:
		fancy = func(x, y int) uint8 { return fancyH2V2(p, x, y) }
	case hf == 1 && vf == 2:
		fancy = func(x, y int) uint8 { return fancyH1V2(p, x, y) }
	}
	for y := range h {
		for x := range w {
			out[y*w+x] = fancy(x, y)
		}
	}
	return out
}

// fancyH2V1 is h2v1_fancy_upsample: each output sample is 3/4 of the nearer
// input sample plus 1/4 of the further one, rounding biased 1 then 2 so the
// pair does not drift.
func fancyH2V1(p plane, x, y int) uint8 {
	i := x >> 1
	if x&1 == 0 {
		return uint8((3*p.at(i, y) + p.at(i-1, y) + 1) >> 2)
	}
	return uint8((3*p.at(i, y) + p.at(i+1, y) + 2) >> 2)
}

// fancyH1V2 is h1v2_fancy_upsample, the vertical twin of fancyH2V1.
func fancyH1V2(p plane, x, y int) uint8 {
	k := y >> 1
	if y&1 == 0 {
		return uint8((3*p.at(x, k) + p.at(x, k-1) + 1) >> 2)
	}
	return uint8((3*p.at(x, k) + p.at(x, k+1) + 2) >> 2)
}

// fancyH2V2 is h2v2_fancy_upsample: a vertical 3:1 column sum (unrounded),
// then a horizontal 3:1 blend with biases 8 and 7 and a shift of 4
// (weights 9/16, 3/16, 3/16, 1/16).
func fancyH2V2(p plane, x, y int) uint8 {
	k, other := y>>1, (y>>1)-1
	if y&1 == 1 {
		other = k + 1
	}
	colSum := func(i int) int { return 3*p.at(i, k) + p.at(i, other) }
	i := x >> 1
	if x&1 == 0 {
		return uint8((3*colSum(i) + colSum(max(i-1, 0)) + 8) >> 4)
	}
	return uint8((3*colSum(i) + colSum(min(i+1, p.w-1)) + 7) >> 4)
}

// newOpaque returns a w×h RGBA image with alpha 255.
func newOpaque(w, h int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 3; i < len(out.Pix); i += 4 {
		out.Pix[i] = 255
	}
	return out
}

// clamp8 clips v to 0..255.
func clamp8(v int) uint8 {
	return uint8(min(max(v, 0), 255))
}
