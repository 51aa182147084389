package imageprep

import "image"

// orient applies EXIF orientation o (1..8) to an opaque RGBA image at the
// origin, as PIL's ImageOps.exif_transpose does (2 FLIP_LEFT_RIGHT,
// 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE, 6 ROTATE_270,
// 7 TRANSVERSE, 8 ROTATE_90). Orientations 5..8 swap width and height.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := range oh {
		for x := range ow {
			sx, sy := orientSource(o, x, y, w, h)
			s := src.Pix[src.PixOffset(sx, sy):]
			d := out.Pix[out.PixOffset(x, y):]
			copy(d[:4], s[:4])
		}
	}
	return out
}

// orientSource maps output pixel (x, y) of orientation o back to the source
// pixel of a w×h image.
func orientSource(o, x, y, w, h int) (int, int) {
	switch o {
	case 2:
		return w - 1 - x, y
	case 3:
		return w - 1 - x, h - 1 - y
	case 4:
		return x, h - 1 - y
	case 5:
		return y, x
	case 6:
		return y, h - 1 - x
	case 7:
		return w - 1 - y, h - 1 - x
	default: // 8
		return w - 1 - y, x
	}
}
