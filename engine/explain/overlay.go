package explain

import (
	"image"
	"image/color"
	"math"
)

// Overlay draws the map in heat colours over the picture as the network saw
// it (m.View): strong places red and opaque, weak ones see-through, so the
// picture shows where the network did not look.
func Overlay(m Map) *image.RGBA {
	return OverlayOn(m.View, m)
}

// OverlayOn draws the map over pic, stretched to pic's size.
func OverlayOn(pic image.Image, m Map) *image.RGBA {
	b := pic.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			v := m.sample((float64(y)+0.5)*float64(m.H)/float64(b.Dy())-0.5, (float64(x)+0.5)*float64(m.W)/float64(b.Dx())-0.5)
			r, g, bl, _ := pic.At(b.Min.X+x, b.Min.Y+y).RGBA()
			out.SetRGBA(x, y, blend(color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 255}, Heat(v), 0.6*v))
		}
	}
	return out
}

// sample interpolates the map bilinearly at fractional row y, column x (cell
// centres at whole numbers), clamped at the edges, as upsampling it with
// align_corners=False does.
func (m Map) sample(y, x float64) float64 {
	y = math.Max(0, math.Min(y, float64(m.H-1)))
	x = math.Max(0, math.Min(x, float64(m.W-1)))
	y0, x0 := int(y), int(x)
	y1, x1 := min(y0+1, m.H-1), min(x0+1, m.W-1)
	fy, fx := y-float64(y0), x-float64(x0)
	top := float64(m.At(y0, x0))*(1-fx) + float64(m.At(y0, x1))*fx
	bottom := float64(m.At(y1, x0))*(1-fx) + float64(m.At(y1, x1))*fx
	return top*(1-fy) + bottom*fy
}

// Heat is the colour of v in 0..1 on a blue–cyan–yellow–red scale (the
// "jet" scale heatmaps are usually shown in).
func Heat(v float64) color.RGBA {
	s := 0.5 + 3*math.Max(0, math.Min(v, 1)) // from pure blue (0) to pure red (1)
	channel := func(centre float64) uint8 {
		return uint8(255 * math.Max(0, math.Min(1, 1.5-math.Abs(s-centre))))
	}
	return color.RGBA{channel(3), channel(2), channel(1), 255}
}

// blend mixes colour c over base with opacity alpha (0..1).
func blend(base, c color.RGBA, alpha float64) color.RGBA {
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-alpha) + float64(b)*alpha)) }
	return color.RGBA{mix(base.R, c.R), mix(base.G, c.G), mix(base.B, c.B), 255}
}
