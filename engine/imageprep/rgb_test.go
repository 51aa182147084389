package imageprep

import (
	"image"
	"image/color"
	"testing"
)

func TestToRGBPixelModels(t *testing.T) {
	rect := image.Rect(0, 0, 1, 1)
	one := func(m interface {
		image.Image
		Set(x, y int, c color.Color)
	}, c color.Color) image.Image {
		m.Set(0, 0, c)
		return m
	}
	cases := []struct {
		name string
		img  image.Image
		want [3]uint8
	}{
		{"NRGBA keeps colour under alpha 0", one(image.NewNRGBA(rect), color.NRGBA{10, 20, 30, 0}), [3]uint8{10, 20, 30}},
		{"Gray", one(image.NewGray(rect), color.Gray{77}), [3]uint8{77, 77, 77}},
		{"Gray16 high byte", one(image.NewGray16(rect), color.Gray16{0x12ff}), [3]uint8{0x12, 0x12, 0x12}},
		{"NRGBA64 high byte", one(image.NewNRGBA64(rect), color.NRGBA64{0x01ff, 0xfe00, 0x8080, 0}), [3]uint8{1, 0xfe, 0x80}},
		{"premultiplied RGBA is un-premultiplied", one(image.NewRGBA(rect), color.RGBA{50, 25, 0, 128}), [3]uint8{99, 49, 0}},
		// Pillow's cmyk2rgb: nk=191, 191 - MULDIV255(128, 191) = 191 - 96.
		{"CMYK", &image.CMYK{Pix: []uint8{128, 0, 255, 64}, Stride: 4, Rect: rect}, [3]uint8{95, 191, 0}},
		{"Paletted", &image.Paletted{Pix: []uint8{1}, Stride: 1, Rect: rect,
			Palette: color.Palette{color.RGBA{}, color.NRGBA{9, 8, 7, 0}}}, [3]uint8{9, 8, 7}},
		{"Paletted index past palette", &image.Paletted{Pix: []uint8{5}, Stride: 1, Rect: rect,
			Palette: color.Palette{color.RGBA{1, 2, 3, 255}}}, [3]uint8{0, 0, 0}},
		{"Alpha (generic path)", one(image.NewAlpha(rect), color.Alpha{255}), [3]uint8{255, 255, 255}},
	}
	for _, c := range cases {
		got := ToRGB(c.img)
		if p := got.Pix[:4]; [3]uint8{p[0], p[1], p[2]} != c.want || p[3] != 255 {
			t.Errorf("%s: got %v, want %v opaque", c.name, p, c.want)
		}
	}
}

func TestToRGBOpaqueShortcutAndSubImage(t *testing.T) {
	m := filled(4, 3, color.RGBA{1, 2, 3, 255})
	if ToRGB(m) != m {
		t.Error("an opaque RGBA at the origin should be returned as is")
	}
	m.SetRGBA(2, 1, color.RGBA{9, 9, 9, 255})
	sub := m.SubImage(image.Rect(2, 1, 4, 3))
	got := ToRGB(sub)
	if got.Rect != image.Rect(0, 0, 2, 2) || got.RGBAAt(0, 0) != (color.RGBA{9, 9, 9, 255}) {
		t.Errorf("sub-image: bounds %v, first pixel %v", got.Rect, got.RGBAAt(0, 0))
	}
}

func TestCMYKFormulaEdges(t *testing.T) {
	// No ink is white; full black is black whatever the other inks.
	for _, px := range [][4]uint8{{0, 0, 0, 0}, {255, 255, 255, 255}, {0, 128, 255, 255}} {
		m := &image.CMYK{Pix: px[:], Stride: 4, Rect: image.Rect(0, 0, 1, 1)}
		got := ToRGB(m).Pix[:3]
		want := []uint8{255, 255, 255}
		if px[3] == 255 {
			want = []uint8{0, 0, 0}
		}
		if string(got) != string(want) {
			t.Errorf("CMYK %v: RGB %v, want %v", px, got, want)
		}
	}
}
