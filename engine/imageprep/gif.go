package imageprep

import (
	"image"
	"image/color"
)

// Go's GIF decoder blanks the palette entry of the transparent index to
// (0,0,0,0) and returns only the first frame's rectangle. PIL keeps the
// palette colour (convert("RGB") shows it) and places the first frame on the
// logical screen, filled with the transparent index when there is one and
// with index 0 otherwise. gifLikePIL restores both from the raw file.

// gifFrameInfo is what the first image of a GIF declares: its palette
// (local, else global; RGB triples) and its transparent index, if any.
type gifFrameInfo struct {
	palette     []byte
	transparent int // -1 when none
}

// parseGIFFrameInfo walks the GIF blocks up to the first image descriptor.
// ok is false if the structure cannot be read (the decoder will have said
// so already, or it tolerated something we do not follow).
func parseGIFFrameInfo(d []byte) (info gifFrameInfo, ok bool) {
	info.transparent = -1
	if len(d) < 13 {
		return info, false
	}
	table := func(packed byte) int { return 3 << ((packed & 7) + 1) }
	i := 13
	if d[10]&0x80 != 0 {
		n := table(d[10])
		if i+n > len(d) {
			return info, false
		}
		info.palette, i = d[i:i+n], i+n
	}
	for i < len(d) {
		switch d[i] {
		case 0x21: // extension
			if i+2 >= len(d) {
				return info, false
			}
			if d[i+1] == 0xf9 && d[i+2] == 4 && i+7 <= len(d) { // graphic control
				info.transparent = -1
				if d[i+3]&1 != 0 {
					info.transparent = int(d[i+6])
				}
			}
			j := i + 2
			for j < len(d) && d[j] != 0 { // skip data sub-blocks
				j += 1 + int(d[j])
			}
			i = j + 1
		case 0x2c: // image descriptor
			if i+10 > len(d) {
				return info, false
			}
			if packed := d[i+9]; packed&0x80 != 0 {
				n := table(packed)
				if i+10+n > len(d) {
					return info, false
				}
				info.palette = d[i+10 : i+10+n]
			}
			return info, true
		default:
			return info, false
		}
	}
	return info, false
}

// gifLikePIL returns the first frame as PIL would see it: on a w×h canvas,
// with the transparent palette entry's real colour.
func gifLikePIL(m *image.Paletted, data []byte, w, h int) *image.Paletted {
	info, ok := parseGIFFrameInfo(data)
	if !ok {
		return m
	}
	if t := info.transparent; t >= 0 && t < len(m.Palette) && 3*t+3 <= len(info.palette) {
		p := make(color.Palette, len(m.Palette))
		copy(p, m.Palette)
		p[t] = color.RGBA{info.palette[3*t], info.palette[3*t+1], info.palette[3*t+2], 255}
		m.Palette = p
	}
	canvas := image.Rect(0, 0, w, h)
	if m.Rect == canvas || !m.Rect.In(canvas) {
		return m
	}
	out := image.NewPaletted(canvas, m.Palette)
	if info.transparent >= 0 {
		for i := range out.Pix {
			out.Pix[i] = uint8(info.transparent)
		}
	}
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		copy(out.Pix[out.PixOffset(m.Rect.Min.X, y):], m.Pix[m.PixOffset(m.Rect.Min.X, y):m.PixOffset(m.Rect.Max.X, y)])
	}
	return out
}
