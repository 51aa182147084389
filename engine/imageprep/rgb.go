package imageprep

import (
	"image"
	"image/color"

	"transferlab/engine/imageprep/internal/jpegdec"
)

// ToRGB converts img to an opaque 8-bit *image.RGBA (alpha 255 everywhere,
// so R, G, B are the plain colour values) the way PIL's Image.convert("RGB")
// converts the image PIL would have opened:
//
//   - RGBA/NRGBA and gray+alpha: alpha is dropped, colours kept as stored
//     (no blending with a background), as PIL does;
//   - Gray: the level is copied to R, G and B;
//   - 16-bit gray, RGB and RGBA: the high byte of each sample. PIL reads
//     16-bit RGB(A) PNGs this way but clips 16-bit gray ("I;16") to 255,
//     which turns almost every pixel white; we deliberately use the high
//     byte for gray too;
//   - Paletted: palette lookup, with the palette's colour even for
//     transparent entries;
//   - CMYK: Pillow 9.4's cmyk2rgb formula (not Go's color.CMYKToRGB);
//   - YCbCr (Go's JPEG decoder output): libjpeg-turbo's "fancy" triangle
//     upsampling of the chroma planes and its fixed-point YCbCr→RGB tables,
//     as PIL's libjpeg does; NYCbCrA likewise, alpha dropped.
//
// An opaque *image.RGBA whose bounds start at (0,0) is returned as is;
// otherwise the result is a new image with bounds (0,0)-(w,h). Other image
// types go through color.NRGBAModel, high byte.
func ToRGB(img image.Image) *image.RGBA {
	switch m := img.(type) {
	case *image.RGBA:
		if m.Rect.Min == (image.Point{}) && m.Opaque() {
			return m
		}
	case *image.YCbCr:
		if out := jpegdec.YCbCrToRGB(m); out != nil {
			return out
		}
	case *image.NYCbCrA:
		if out := jpegdec.YCbCrToRGB(&m.YCbCr); out != nil {
			return out
		}
	case *image.Paletted:
		return palettedToRGB(m)
	case *image.CMYK:
		return cmykToRGB(m)
	}
	return genericToRGB(img)
}

// newOpaque returns a w×h RGBA image with alpha 255 and black colour.
func newOpaque(w, h int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 3; i < len(out.Pix); i += 4 {
		out.Pix[i] = 255
	}
	return out
}

// rgbOf returns the straight (non-premultiplied) 8-bit colour of c, taking
// the high byte of 16-bit samples, as PIL's 16-bit unpackers do.
func rgbOf(c color.Color) (r, g, b uint8) {
	switch c := c.(type) {
	case color.NRGBA:
		return c.R, c.G, c.B
	case color.Gray:
		return c.Y, c.Y, c.Y
	case color.NRGBA64:
		return uint8(c.R >> 8), uint8(c.G >> 8), uint8(c.B >> 8)
	case color.Gray16:
		y := uint8(c.Y >> 8)
		return y, y, y
	case color.RGBA:
		if c.A == 255 {
			return c.R, c.G, c.B
		}
	case color.RGBA64:
		if c.A == 0xffff {
			return uint8(c.R >> 8), uint8(c.G >> 8), uint8(c.B >> 8)
		}
	}
	n := color.NRGBA64Model.Convert(c).(color.NRGBA64)
	return uint8(n.R >> 8), uint8(n.G >> 8), uint8(n.B >> 8)
}

// genericToRGB converts pixel by pixel through rgbOf; the common decoder
// outputs (NRGBA, Gray, 16-bit) take fast paths.
func genericToRGB(img image.Image) *image.RGBA {
	b := img.Bounds()
	out := newOpaque(b.Dx(), b.Dy())
	for y := range b.Dy() {
		o := out.Pix[y*out.Stride:]
		switch m := img.(type) {
		case *image.NRGBA:
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range b.Dx() {
				o[4*x], o[4*x+1], o[4*x+2] = row[4*x], row[4*x+1], row[4*x+2]
			}
		case *image.Gray:
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := range b.Dx() {
				o[4*x], o[4*x+1], o[4*x+2] = row[x], row[x], row[x]
			}
		default:
			for x := range b.Dx() {
				o[4*x], o[4*x+1], o[4*x+2] = rgbOf(img.At(b.Min.X+x, b.Min.Y+y))
			}
		}
	}
	return out
}

// palettedToRGB looks each index up in the palette. Indices past the end of
// the palette (invalid files) give black, as PIL's zero-filled palette does.
func palettedToRGB(m *image.Paletted) *image.RGBA {
	var lut [256][3]uint8
	for i, c := range m.Palette {
		if i < 256 {
			lut[i][0], lut[i][1], lut[i][2] = rgbOf(c)
		}
	}
	b := m.Rect
	out := newOpaque(b.Dx(), b.Dy())
	for y := range b.Dy() {
		row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
		o := out.Pix[y*out.Stride:]
		for x := range b.Dx() {
			c := lut[row[x]]
			o[4*x], o[4*x+1], o[4*x+2] = c[0], c[1], c[2]
		}
	}
	return out
}

// cmykToRGB is Pillow 9.4's cmyk2rgb: with nk = 255-K,
// channel = clip(nk - nk*ink/255), where the product is MULDIV255's rounded
// division ((t>>8)+t)>>8 with t = a*b+128.
func cmykToRGB(m *image.CMYK) *image.RGBA {
	b := m.Rect
	out := newOpaque(b.Dx(), b.Dy())
	for y := range b.Dy() {
		row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
		o := out.Pix[y*out.Stride:]
		for x := range b.Dx() {
			nk := 255 - int(row[4*x+3])
			for c := range 3 {
				t := int(row[4*x+c])*nk + 128
				o[4*x+c] = clamp8(nk - ((t>>8)+t)>>8)
			}
		}
	}
	return out
}

// clamp8 clips v to 0..255.
func clamp8(v int) uint8 {
	return uint8(min(max(v, 0), 255))
}
