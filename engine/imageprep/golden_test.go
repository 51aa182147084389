package imageprep

import (
	"image"
	"path"
	"testing"
)

func TestDecodeMatchesPIL(t *testing.T) {
	for _, c := range loadManifest(t).Decode {
		t.Run(path.Base(c.Image), func(t *testing.T) {
			img, err := Decode(goldenPath(t, c.Image))
			if err != nil {
				t.Fatal(err)
			}
			want := readPNG(t, goldenPath(t, c.Pixels))
			got := img.(*image.RGBA)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("size %v, PIL %v", got.Bounds(), want.Bounds())
			}
			s := comparePixels(got, want)
			t.Logf("%v %s", s, c.Note)
			if s.differ != 0 {
				t.Errorf("%v; want identical to PIL", s)
			}
		})
	}
}

func TestTransformMatchesTorchvision(t *testing.T) {
	m := loadManifest(t)
	mean, std := ImageNet().Mean, ImageNet().Std
	for _, c := range m.Transform {
		t.Run(c.Name, func(t *testing.T) {
			tr := Transform{Resize: c.Resize, Crop: c.Crop, Mean: mean, Std: std}
			got := make([]float32, tr.Len())
			if err := Load(goldenPath(t, c.Image), tr, got); err != nil {
				t.Fatal(err)
			}
			var want []float32
			if c.Tensor != "" {
				var shape []int
				want, shape = readNPY(t, goldenPath(t, c.Tensor))
				if len(shape) != 3 || shape[0] != 3 || shape[1] != c.Crop || shape[2] != c.Crop {
					t.Fatalf("golden shape %v, want (3,%d,%d)", shape, c.Crop, c.Crop)
				}
			} else {
				want = goldenFromCrop(t, tr, goldenPath(t, c.CropPNG), goldenPath(t, c.Sample), c.SampleStride)
			}
			// Bit-identical, JPEGs included: one 8-bit level off would show
			// as 1/255/std ≈ 0.0175.
			s := compareTensors(got, want)
			t.Logf("%v %s", s, c.Note)
			if s.differ != 0 {
				t.Errorf("%v; want bit-identical to torchvision", s)
			}
		})
	}
}

// goldenFromCrop rebuilds torchvision's tensor from the stored 8-bit crop,
// first checking that our normalisation of that crop reproduces
// torchvision's stored sample bit for bit.
func goldenFromCrop(t *testing.T, tr Transform, cropPath, samplePath string, stride int) []float32 {
	t.Helper()
	crop := readPNG(t, cropPath)
	want := make([]float32, tr.Len())
	tr.normalize(crop, want)
	sample, _ := readNPY(t, samplePath)
	for i, v := range sample {
		if want[i*stride] != v {
			t.Fatalf("normalising the golden crop: value %d is %v, torchvision %v", i*stride, want[i*stride], v)
		}
	}
	if len(sample) != (len(want)+stride-1)/stride {
		t.Fatalf("sample has %d values, want %d", len(sample), (len(want)+stride-1)/stride)
	}
	return want
}

func TestResampleMatchesPillow(t *testing.T) {
	for _, c := range loadManifest(t).Resize {
		t.Run(path.Base(c.Expected), func(t *testing.T) {
			src := readPNG(t, goldenPath(t, c.Source))
			want := readPNG(t, goldenPath(t, c.Expected))
			got := resizeWindow(src, c.Width, c.Height, window{0, 0, c.Width, c.Height})
			if got.Bounds().Size() != want.Bounds().Size() {
				t.Fatalf("size %v, Pillow %v", got.Bounds().Size(), want.Bounds().Size())
			}
			if s := comparePixels(got, want); s.differ != 0 {
				t.Errorf("%dx%d: %v; want identical to Pillow", c.Width, c.Height, s)
			}
		})
	}
}
