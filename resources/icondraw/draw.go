// Package icondraw paints the TransferLab icon: a small neural network
// (three layers of nodes) on a rounded tile, whose last node is lit in a
// different colour, the "new head" that transfer learning trains.
//
// Shapes are signed-distance functions evaluated per pixel, which gives
// anti-aliased edges at any size without a vector library.
package icondraw

import (
	"image"
	"image/color"
	"math"
)

// shape returns the signed distance, in pixels, from (x, y) to its edge:
// negative inside.
type shape func(x, y float64) float64

type layer struct {
	shape shape
	col   color.NRGBA
}

// Draw returns the icon at size×size pixels.
func Draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	layers := scene(s)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			x, y := float64(px)+0.5, float64(py)+0.5
			var c [4]float64 // premultiplied RGBA in 0..1
			for _, l := range layers {
				c = over(c, l.col, coverage(l.shape(x, y)))
			}
			img.SetNRGBA(px, py, unpremultiply(c))
		}
	}
	return img
}

// scene lists the layers back to front, in a size-independent layout
// (fractions of s).
func scene(s float64) []layer {
	tile := roundedRect(s*0.06, s*0.06, s*0.94, s*0.94, s*0.2)
	out := []layer{{tile, color.NRGBA{0x1f, 0x5f, 0x8b, 0xff}}}
	cols := [][]float64{{0.3, 0.5, 0.7}, {0.22, 0.41, 0.59, 0.78}, {0.5}}
	xs := []float64{0.24, 0.5, 0.76}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	edge := color.NRGBA{0xff, 0xff, 0xff, 0x90}
	for i := 0; i+1 < len(cols); i++ {
		for _, a := range cols[i] {
			for _, b := range cols[i+1] {
				out = append(out, layer{segment(xs[i]*s, a*s, xs[i+1]*s, b*s, s*0.012), edge})
			}
		}
	}
	for i, col := range cols {
		for _, y := range col {
			c := white
			if i == len(cols)-1 {
				c = color.NRGBA{0xff, 0xa6, 0x2b, 0xff}
			}
			out = append(out, layer{circle(xs[i]*s, y*s, s*0.055), c})
		}
	}
	return out
}

func circle(cx, cy, r float64) shape {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// segment is a capsule of half-width w around the segment (x0,y0)-(x1,y1).
func segment(x0, y0, x1, y1, w float64) shape {
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	return func(x, y float64) float64 {
		t := math.Max(0, math.Min(1, ((x-x0)*dx+(y-y0)*dy)/l2))
		return math.Hypot(x-(x0+t*dx), y-(y0+t*dy)) - w
	}
}

func roundedRect(x0, y0, x1, y1, r float64) shape {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	return func(x, y float64) float64 {
		qx, qy := math.Abs(x-cx)-hx, math.Abs(y-cy)-hy
		outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
		return outside + math.Min(math.Max(qx, qy), 0) - r
	}
}

// coverage turns a signed distance into the pixel's covered fraction,
// a one-pixel linear ramp across the edge.
func coverage(d float64) float64 {
	return math.Max(0, math.Min(1, 0.5-d))
}

// over composites colour c with coverage a over the premultiplied dst.
func over(dst [4]float64, c color.NRGBA, a float64) [4]float64 {
	a *= float64(c.A) / 255
	src := [4]float64{float64(c.R) / 255 * a, float64(c.G) / 255 * a, float64(c.B) / 255 * a, a}
	for i := range dst {
		dst[i] = src[i] + dst[i]*(1-a)
	}
	return dst
}

func unpremultiply(c [4]float64) color.NRGBA {
	if c[3] == 0 {
		return color.NRGBA{}
	}
	b := func(v float64) uint8 { return uint8(math.Round(math.Min(1, v/c[3]) * 255)) }
	return color.NRGBA{b(c[0]), b(c[1]), b(c[2]), uint8(math.Round(c[3] * 255))}
}
