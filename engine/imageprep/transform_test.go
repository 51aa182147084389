package imageprep

import (
	"image"
	"image/color"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestImageNet(t *testing.T) {
	tr := ImageNet()
	if tr.Resize != 256 || tr.Crop != 224 || tr.Len() != 3*224*224 {
		t.Fatalf("ImageNet() = %+v", tr)
	}
	if tr.Mean != [3]float32{0.485, 0.456, 0.406} || tr.Std != [3]float32{0.229, 0.224, 0.225} {
		t.Fatalf("ImageNet() statistics %v %v", tr.Mean, tr.Std)
	}
}

func TestKey(t *testing.T) {
	// Feature caches on users' disks are keyed by this string: changing it
	// (rather than bumping keyVersion deliberately) would silently orphan
	// them, so the exact text is pinned.
	const want = "imageprep/v1 exif rgb=pil9.4 resize=256:pil-bilinear-aa crop=224:center-pad0 mean=0.485,0.456,0.406 std=0.229,0.224,0.225"
	if got := ImageNet().Key(); got != want {
		t.Errorf("Key() = %q, want %q", got, want)
	}
	other := ImageNet()
	other.Std[2] = 0.2251
	if other.Key() == ImageNet().Key() {
		t.Error("different Std gives the same key")
	}
	other = ImageNet()
	other.Resize = 0
	if !strings.Contains(other.Key(), "resize=0:") {
		t.Errorf("Key of a no-resize transform: %q", other.Key())
	}
}

func TestResizedSize(t *testing.T) {
	tr := ImageNet()
	cases := []struct{ w, h, wantW, wantH int }{
		{640, 427, 383, 256}, // int(256*640/427) = int(383.7)
		{427, 640, 256, 383},
		{256, 256, 256, 256},
		{100, 80, 320, 256},
		{300, 300, 256, 256},
		{1, 1000, 256, 256000},
		{768, 576, 341, 256}, // int(341.33)
	}
	for _, c := range cases {
		if w, h := tr.ResizedSize(c.w, c.h); w != c.wantW || h != c.wantH {
			t.Errorf("ResizedSize(%d, %d) = %d×%d, want %d×%d", c.w, c.h, w, h, c.wantW, c.wantH)
		}
	}
	if w, h := (Transform{Crop: 8}).ResizedSize(33, 7); w != 33 || h != 7 {
		t.Errorf("Resize 0 must keep the size, got %d×%d", w, h)
	}
}

func TestCropStart(t *testing.T) {
	cases := []struct{ n, c, want int }{
		{256, 224, 16},
		{257, 224, 16}, // round(16.5) = 16, half to even
		{259, 224, 18}, // round(17.5) = 18
		{383, 224, 80}, // round(79.5) = 80
		{381, 224, 78}, // round(78.5) = 78
		{224, 224, 0},
		{200, 224, -12}, // padded by (224-200)//2 = 12 before
		{201, 224, -11}, // 23//2 = 11 before, 12 after
	}
	for _, c := range cases {
		if got := cropStart(c.n, c.c); got != c.want {
			t.Errorf("cropStart(%d, %d) = %d, want %d", c.n, c.c, got, c.want)
		}
	}
}

// filled returns a w×h opaque image of one colour.
func filled(w, h int, c color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, 255
	}
	return m
}

func TestPrepareWithoutResizePadsAndCrops(t *testing.T) {
	// 10×6 with Crop 8 and no resize: columns 1..8 are kept (round(1.0)),
	// one black row is added above and one below.
	src := image.NewRGBA(image.Rect(0, 0, 10, 6))
	for y := range 6 {
		for x := range 10 {
			src.SetRGBA(x, y, color.RGBA{uint8(10 * x), uint8(20 * y), 7, 255})
		}
	}
	got := Transform{Crop: 8}.Prepare(src)
	for y := range 8 {
		for x := range 8 {
			want := color.RGBA{0, 0, 0, 255}
			if y >= 1 && y <= 6 {
				want = color.RGBA{uint8(10 * (x + 1)), uint8(20 * (y - 1)), 7, 255}
			}
			if c := got.RGBAAt(x, y); c != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, c, want)
			}
		}
	}
}

func TestApplyPaddingValueAndLayout(t *testing.T) {
	// A 4×4 white image with Crop 6: a 1-pixel black frame, then ToTensor
	// and Normalize: white is (1-mean)/std, padding is -mean/std, in
	// channel-major (C, H, W) order.
	tr := Transform{Crop: 6, Mean: ImageNet().Mean, Std: ImageNet().Std}
	dst := make([]float32, tr.Len())
	tr.Apply(filled(4, 4, color.RGBA{255, 255, 255, 255}), dst)
	for c := range 3 {
		for y := range 6 {
			for x := range 6 {
				v := float32(0)
				if x >= 1 && x <= 4 && y >= 1 && y <= 4 {
					v = 1
				}
				want := (v - tr.Mean[c]) / tr.Std[c]
				if got := dst[c*36+y*6+x]; got != want {
					t.Fatalf("dst[%d,%d,%d] = %v, want %v", c, y, x, got, want)
				}
			}
		}
	}
}

func TestApplyExtremeAspectRatio(t *testing.T) {
	// A 1×5000 strip resizes to 256×1280000: only the 224×224 crop may be
	// computed. A flat colour must stay exactly flat through the filter.
	src := filled(1, 5000, color.RGBA{200, 100, 50, 255})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := ImageNet().Prepare(src)
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
		t.Errorf("Prepare allocated %d bytes for a 224×224 result", grew)
	}
	for y := range 224 {
		for x := range 224 {
			if c := got.RGBAAt(x, y); c != (color.RGBA{200, 100, 50, 255}) {
				t.Fatalf("pixel (%d,%d) = %v, want the flat colour", x, y, c)
			}
		}
	}
}

func TestPrepareEmptyImageIsAllPadding(t *testing.T) {
	got := ImageNet().Prepare(image.NewRGBA(image.Rect(0, 0, 0, 0)))
	for i := 0; i < len(got.Pix); i += 4 {
		if got.Pix[i] != 0 || got.Pix[i+1] != 0 || got.Pix[i+2] != 0 || got.Pix[i+3] != 255 {
			t.Fatalf("pixel %d = %v, want black", i/4, got.Pix[i:i+4])
		}
	}
}

func TestWindowedResizeEqualsFullResize(t *testing.T) {
	// Prepare computes only the crop window; it must equal resizing the
	// whole image and cropping afterwards.
	src := readPNG(t, filepath.Join("testdata", "resized", "source.png")) // 61×47 noise
	tr := Transform{Resize: 30, Crop: 24, Mean: ImageNet().Mean, Std: ImageNet().Std}
	w, h := tr.ResizedSize(61, 47)
	full := resizeWindow(src, w, h, window{0, 0, w, h})
	x0, y0 := cropStart(w, 24), cropStart(h, 24)
	got := tr.Prepare(src)
	for y := range 24 {
		for x := range 24 {
			if a, b := got.RGBAAt(x, y), full.RGBAAt(x0+x, y0+y); a != b {
				t.Fatalf("pixel (%d,%d): windowed %v, full %v", x, y, a, b)
			}
		}
	}
}

func TestApplyWrongLengthPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(string), "dst has 10 values, want 3*224*224 = 150528") {
			t.Errorf("recovered %v", r)
		}
	}()
	ImageNet().Apply(filled(2, 2, color.RGBA{}), make([]float32, 10))
}

func TestLoad(t *testing.T) {
	path := filepath.Join("testdata", "images", "rgb.png")
	tr := ImageNet()
	if err := Load(path, tr, make([]float32, 5)); err == nil || !strings.Contains(err.Error(), "dst has 5 values") {
		t.Errorf("short dst: got %v", err)
	}
	if err := Load(path, Transform{}, nil); err == nil || !strings.Contains(err.Error(), "crop must be positive") {
		t.Errorf("zero crop: got %v", err)
	}
	if err := Load(filepath.Join("testdata", "nope.png"), tr, make([]float32, tr.Len())); err == nil {
		t.Error("missing file loaded")
	}
	got := make([]float32, tr.Len())
	if err := Load(path, tr, got); err != nil {
		t.Fatal(err)
	}
	img, _ := Decode(path)
	want := make([]float32, tr.Len())
	tr.Apply(img, want)
	for i := range want {
		if got[i] != want[i] || math.IsNaN(float64(got[i])) {
			t.Fatalf("Load differs from Decode+Apply at %d: %v vs %v", i, got[i], want[i])
		}
	}
}
