package imageprep

import "fmt"

// Load decodes the image at path (see Decode) and writes its (3, Crop, Crop)
// tensor into dst (see Transform.Apply). dst must hold t.Len() values.
func Load(path string, t Transform, dst []float32) error {
	if err := t.checkDst(path, dst); err != nil {
		return err
	}
	img, err := Decode(path)
	if err != nil {
		return err
	}
	t.Apply(img, dst)
	return nil
}

// checkDst refuses a transform without a crop and a dst of the wrong length.
func (t Transform) checkDst(path string, dst []float32) error {
	if t.Crop <= 0 {
		return fmt.Errorf("imageprep: %s: transform crop must be positive, got %d", path, t.Crop)
	}
	if len(dst) != t.Len() {
		return fmt.Errorf("imageprep: %s: dst has %d values, transform needs 3*%d*%d = %d", path, len(dst), t.Crop, t.Crop, t.Len())
	}
	return nil
}
