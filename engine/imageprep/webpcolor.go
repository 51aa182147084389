package imageprep

// The upsampler and YUV constants below follow libwebp's
// src/dsp/upsampling.c and src/dsp/yuv.h (Copyright 2010-2011 Google Inc.,
// BSD licence).

import "image"

// Lossy WebP stores limited-range BT.601 YUV 4:2:0, but golang.org/x/image's
// decoder returns it as an image.YCbCr, whose At applies the full-range JFIF
// formula with box-upsampled chroma: colours come out visibly wrong
// (washed out). PIL gets RGB from libwebp, which upsamples chroma with its
// "fancy" upsampler (src/dsp/upsampling.c) and converts with 14-bit
// fixed-point constants (src/dsp/yuv.h). This file redoes that on the
// decoded planes; the planes themselves are bit-exact with libwebp, since
// x/image/webp is a port of libwebp's VP8 decoder.

// webpYUVToRGB converts a lossy WebP frame as returned by x/image/webp.
// It returns nil for a layout it does not expect (not 4:2:0, sub-image).
func webpYUVToRGB(m *image.YCbCr) *image.RGBA {
	if m.SubsampleRatio != image.YCbCrSubsampleRatio420 || m.Rect.Min != (image.Point{}) {
		return nil
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	out := newOpaque(w, h)
	row := func(y int) []uint8 { return m.Y[y*m.YStride:] }
	chroma := func(k int) ([]uint8, []uint8) { return m.Cb[k*m.CStride:], m.Cr[k*m.CStride:] }
	dst := func(y int) []uint8 { return out.Pix[y*out.Stride:] }
	// EmitFancyRGB: row 0 uses chroma row 0 alone; then each pair of rows
	// (2k-1, 2k) blends chroma rows k-1 and k; an even height leaves the
	// last row alone with the last chroma row.
	u0, v0 := chroma(0)
	webpUpsamplePair(row(0), nil, u0, v0, u0, v0, dst(0), nil, w)
	for y := 1; y+1 < h; y += 2 {
		tu, tv := chroma(y / 2)
		cu, cv := chroma(y/2 + 1)
		webpUpsamplePair(row(y), row(y+1), tu, tv, cu, cv, dst(y), dst(y+1), w)
	}
	if h%2 == 0 && h > 1 {
		u, v := chroma((h - 1) / 2)
		webpUpsamplePair(row(h-1), nil, u, v, u, v, dst(h-1), nil, w)
	}
	return out
}

// webpUpsamplePair is libwebp's UPSAMPLE_FUNC for two output rows: the top
// row is nearer to chroma row (tu, tv), the bottom row to (cu, cv). bottomY
// and bottomDst are nil when only the top row is wanted. Chroma samples are
// blended 9:3:3:1 through libwebp's two-stage diagonal averages, whose
// rounding we keep.
func webpUpsamplePair(topY, bottomY, tu, tv, cu, cv, topDst, bottomDst []uint8, n int) {
	put := func(dst []uint8, x int, y uint8, u, v int) {
		dst[4*x], dst[4*x+1], dst[4*x+2] = webpYUVToRGB8(int(y), u, v)
	}
	blend2 := func(near, far int) int { return (3*near + far + 2) >> 2 }
	// Left edge.
	put(topDst, 0, topY[0], blend2(int(tu[0]), int(cu[0])), blend2(int(tv[0]), int(cv[0])))
	if bottomY != nil {
		put(bottomDst, 0, bottomY[0], blend2(int(cu[0]), int(tu[0])), blend2(int(cv[0]), int(tv[0])))
	}
	last := (n - 1) >> 1
	for x := 1; x <= last; x++ {
		ut, ub := webpDiagonals(int(tu[x-1]), int(tu[x]), int(cu[x-1]), int(cu[x]))
		vt, vb := webpDiagonals(int(tv[x-1]), int(tv[x]), int(cv[x-1]), int(cv[x]))
		put(topDst, 2*x-1, topY[2*x-1], ut[0], vt[0])
		put(topDst, 2*x, topY[2*x], ut[1], vt[1])
		if bottomY != nil {
			put(bottomDst, 2*x-1, bottomY[2*x-1], ub[0], vb[0])
			put(bottomDst, 2*x, bottomY[2*x], ub[1], vb[1])
		}
	}
	if n%2 == 0 { // right edge of an even width
		put(topDst, n-1, topY[n-1], blend2(int(tu[last]), int(cu[last])), blend2(int(tv[last]), int(cv[last])))
		if bottomY != nil {
			put(bottomDst, n-1, bottomY[n-1], blend2(int(cu[last]), int(tu[last])), blend2(int(cv[last]), int(tv[last])))
		}
	}
}

// webpDiagonals computes, for one chroma channel and the 2×2 neighbourhood
// tl, t (top row) and l, c (current row), the samples of output columns
// 2x-1 and 2x in the top row and in the bottom row, exactly as
// UPSAMPLE_FUNC does.
func webpDiagonals(tl, t, l, c int) (top, bottom [2]int) {
	avg := tl + t + l + c + 8
	diag12 := (avg + 2*(t+l)) >> 3
	diag03 := (avg + 2*(tl+c)) >> 3
	top = [2]int{(diag12 + tl) >> 1, (diag03 + t) >> 1}
	bottom = [2]int{(diag03 + l) >> 1, (diag12 + c) >> 1}
	return top, bottom
}

// webpYUVToRGB8 is VP8YuvToRgb from libwebp's yuv.h: MultHi(v, k) =
// (v*k)>>8, results with 6 fraction bits, clipped to 0..255.
func webpYUVToRGB8(y, u, v int) (r, g, b uint8) {
	mul := func(a, k int) int { return (a * k) >> 8 }
	clip := func(x int) uint8 {
		const mask = (256 << 6) - 1
		if x&^mask == 0 {
			return uint8(x >> 6)
		}
		if x < 0 {
			return 0
		}
		return 255
	}
	yy := mul(y, 19077)
	return clip(yy + mul(v, 26149) - 14234),
		clip(yy - mul(u, 6419) - mul(v, 13320) + 8708),
		clip(yy + mul(u, 33050) - 17685)
}
