// Package demo draws TransferLab's demo dataset: pictures of filled
// circles, squares and triangles of random sizes, positions, turns and
// colours on random backgrounds. It needs no download, so the app can walk
// through the whole flow on a computer that has nothing else yet; the
// shapes are unlike ImageNet photos and easy enough to learn from scratch
// (case 4) at a small picture size in a minute or two.
//
// The same Options give the same pictures, file for file.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand"
	"os"
	"path/filepath"
)

// Classes are the demo's classes, in order; each is a folder of pictures.
var Classes = []string{"circles", "squares", "triangles"}

// Options say how many pictures to draw and how big.
type Options struct {
	PerClass         int   // pictures per class
	MinSize, MaxSize int   // side of the square pictures, pixels, inclusive
	Seed             int64 // same seed, same pictures
}

// Default is the app's demo: 40 pictures per class, 64 to 96 pixels.
func Default() Options {
	return Options{PerClass: 40, MinSize: 64, MaxSize: 96, Seed: 1}
}

// supersample is the number of samples per pixel along each axis, so the
// shapes' edges are smooth.
const supersample = 4

// Generate draws the pictures into dir/<class>/<class>-NN.png (creating the
// folders) and returns the class folders in Classes order. Files already
// holding the right bytes are left alone; no other file is touched.
func Generate(ctx context.Context, dir string, opt Options) ([]string, error) {
	if opt.PerClass < 1 || opt.MinSize < 8 || opt.MaxSize < opt.MinSize {
		return nil, fmt.Errorf("demo: need at least 1 picture per class and sizes 8 <= min <= max, got %+v", opt)
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	var folders []string
	for ci, class := range Classes {
		folder := filepath.Join(dir, class)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		folders = append(folders, folder)
		for i := 1; i <= opt.PerClass; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			size := opt.MinSize + rng.Intn(opt.MaxSize-opt.MinSize+1)
			img := Draw(ci, size, rng)
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				return nil, fmt.Errorf("demo: %w", err)
			}
			path := filepath.Join(folder, fmt.Sprintf("%s-%02d.png", class, i))
			if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, buf.Bytes()) {
				continue
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				return nil, fmt.Errorf("demo: %w", err)
			}
		}
	}
	return folders, nil
}

// Draw paints one size×size picture of shape Classes[class], drawing its
// random choices from rng.
func Draw(class, size int, rng *rand.Rand) *image.NRGBA {
	bg, fg := colours(rng)
	// The shape's circumradius is 20-42% of the side, its centre keeps it
	// inside the picture, and it is turned by a random angle.
	s := float64(size)
	r := s * (0.20 + 0.22*rng.Float64())
	cx := r + (s-2*r)*rng.Float64()
	cy := r + (s-2*r)*rng.Float64()
	turn := 2 * math.Pi * rng.Float64()
	var inside func(x, y float64) bool
	switch Classes[class] {
	case "circles":
		inside = func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
	case "squares":
		inside = polygon(cx, cy, r, turn, 4)
	default:
		inside = polygon(cx, cy, r, turn, 3)
	}
	// A gentle brightness slope across the background, so pictures are not
	// flat colour behind the shape.
	slope := 0.25 * (rng.Float64() - 0.5)
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			hits := 0
			for sy := 0; sy < supersample; sy++ {
				for sx := 0; sx < supersample; sx++ {
					x := float64(px) + (float64(sx)+0.5)/supersample
					y := float64(py) + (float64(sy)+0.5)/supersample
					if inside(x, y) {
						hits++
					}
				}
			}
			a := float64(hits) / (supersample * supersample)
			shade := 1 + slope*(float64(px+py)/s-1)
			img.SetNRGBA(px, py, mix(scale(bg, shade), fg, a))
		}
	}
	return img
}

// polygon returns a test for the inside of a regular polygon of n corners
// on a circle of radius r around (cx, cy), turned by turn radians.
func polygon(cx, cy, r, turn float64, n int) func(x, y float64) bool {
	xs, ys := make([]float64, n), make([]float64, n)
	for k := range n {
		a := turn + 2*math.Pi*float64(k)/float64(n)
		xs[k], ys[k] = cx+r*math.Cos(a), cy+r*math.Sin(a)
	}
	return func(x, y float64) bool {
		// Inside a convex polygon: on the same side of every edge.
		sign := 0
		for k := range n {
			j := (k + 1) % n
			c := (xs[j]-xs[k])*(y-ys[k]) - (ys[j]-ys[k])*(x-xs[k])
			s := 1
			if c < 0 {
				s = -1
			}
			if sign == 0 {
				sign = s
			} else if s != sign {
				return false
			}
		}
		return true
	}
}

// colours picks a background and a shape colour whose brightness differs
// clearly, so every shape stands out.
func colours(rng *rand.Rand) (bg, fg color.NRGBA) {
	for {
		bg, fg = randomColour(rng), randomColour(rng)
		if math.Abs(luma(bg)-luma(fg)) >= 60 {
			return bg, fg
		}
	}
}

func randomColour(rng *rand.Rand) color.NRGBA {
	return color.NRGBA{R: uint8(rng.Intn(256)), G: uint8(rng.Intn(256)), B: uint8(rng.Intn(256)), A: 255}
}

func luma(c color.NRGBA) float64 {
	return 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
}

func scale(c color.NRGBA, f float64) color.NRGBA {
	ch := func(v uint8) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(float64(v)*f)))) }
	return color.NRGBA{R: ch(c.R), G: ch(c.G), B: ch(c.B), A: 255}
}

// mix blends a into b by fraction t of b.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.NRGBA{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B), A: 255}
}
