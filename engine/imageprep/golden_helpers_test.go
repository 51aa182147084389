package imageprep

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// manifest is testdata/goldens.json, written by
// tools/goldens/imageprep/make_goldens.py.
type manifest struct {
	Decode []struct {
		Image, Pixels, Note string
	}
	Transform []struct {
		Name, Image, Note string
		Resize, Crop      int
		Tensor            string // full float32 tensor (.npy), or
		CropPNG           string `json:"crop_png"` // the 8-bit crop torchvision normalised
		Sample            string // torchvision's tensor, every SampleStride-th value
		SampleStride      int    `json:"sample_stride"`
	}
	Resize []struct {
		Source, Expected string
		Width, Height    int
	}
}

func loadManifest(t *testing.T) manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "goldens.json"))
	if err != nil {
		t.Fatalf("golden manifest: %v (regenerate with /usr/bin/python3 tools/goldens/imageprep/make_goldens.py)", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("golden manifest: %v", err)
	}
	return m
}

// sharedData is the shared test data folder: $TRANSFERLAB_DATA, else
// ../shared/data beside the repository root. Missing data fails the test.
func sharedData(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TRANSFERLAB_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "images", "imagenet-samples")); err != nil {
		t.Fatalf("shared test data not found at %s (set TRANSFERLAB_DATA): %v", dir, err)
	}
	return dir
}

// goldenPath resolves a manifest path: "shared:<rel>" is in the shared
// data, anything else in testdata.
func goldenPath(t *testing.T, p string) string {
	if rel, ok := strings.CutPrefix(p, "shared:"); ok {
		return filepath.Join(sharedData(t), filepath.FromSlash(rel))
	}
	return filepath.Join("testdata", filepath.FromSlash(p))
}

// readPNG decodes a golden PNG with the standard decoder (lossless).
func readPNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return ToRGB(m)
}

var npyHeader = regexp.MustCompile(`'descr':\s*'([<|]f4)'.*'shape':\s*\(([0-9, ]*)\)`)

// readNPY reads a little-endian float32 .npy file (C order) and its shape.
func readNPY(t *testing.T, path string) ([]float32, []int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 10 || string(b[:6]) != "\x93NUMPY" {
		t.Fatalf("%s: not a .npy file", path)
	}
	var hlen, off int
	if b[6] == 1 {
		hlen, off = int(binary.LittleEndian.Uint16(b[8:])), 10
	} else {
		hlen, off = int(binary.LittleEndian.Uint32(b[8:])), 12
	}
	header := string(b[off : off+hlen])
	m := npyHeader.FindStringSubmatch(header)
	if m == nil || strings.Contains(header, "'fortran_order': True") {
		t.Fatalf("%s: unsupported npy header %q", path, header)
	}
	var shape []int
	n := 1
	for _, s := range strings.Split(m[2], ",") {
		if s = strings.TrimSpace(s); s != "" {
			d, _ := strconv.Atoi(s)
			shape = append(shape, d)
			n *= d
		}
	}
	data := b[off+hlen:]
	if len(data) != 4*n {
		t.Fatalf("%s: %d data bytes for shape %v", path, len(data), shape)
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
	}
	return out, shape
}

// diffStats compares two tensors: the largest absolute difference and the
// fraction of values that differ at all.
type diffStats struct {
	maxAbs float64
	differ int
	n      int
	maxAt  int
}

func compareTensors(got, want []float32) diffStats {
	s := diffStats{n: len(want)}
	for i := range want {
		d := math.Abs(float64(got[i]) - float64(want[i]))
		if d > 0 {
			s.differ++
		}
		if d > s.maxAbs {
			s.maxAbs, s.maxAt = d, i
		}
	}
	return s
}

func (s diffStats) String() string {
	return fmt.Sprintf("max |diff| %.6g (at %d), %d of %d values differ (%.3f%%)",
		s.maxAbs, s.maxAt, s.differ, s.n, 100*float64(s.differ)/float64(max(s.n, 1)))
}

// pixelStats compares two RGB images channel by channel in 8-bit levels.
type pixelStats struct {
	maxLevels int
	differ    int // channel values that differ
	n         int
}

func comparePixels(got, want *image.RGBA) pixelStats {
	var s pixelStats
	b := want.Bounds()
	for y := range b.Dy() {
		for x := range b.Dx() {
			g := got.Pix[got.PixOffset(got.Rect.Min.X+x, got.Rect.Min.Y+y):]
			w := want.Pix[want.PixOffset(b.Min.X+x, b.Min.Y+y):]
			for c := range 3 {
				d := int(g[c]) - int(w[c])
				if d < 0 {
					d = -d
				}
				if d > 0 {
					s.differ++
				}
				s.maxLevels = max(s.maxLevels, d)
				s.n++
			}
		}
	}
	return s
}

func (s pixelStats) String() string {
	return fmt.Sprintf("max %d levels, %d of %d channel values differ (%.3f%%)",
		s.maxLevels, s.differ, s.n, 100*float64(s.differ)/float64(max(s.n, 1)))
}
