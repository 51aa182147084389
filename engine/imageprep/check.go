package imageprep

import (
	"fmt"
	"math"
)

// MaxCrop is the largest crop accepted: above it a batch of crops and the
// feature maps behind it no longer fit in a computer's memory (at 30000 one
// picture's first layer alone needs tens of gigabytes). The smallest is the
// network's (models.Network.MinInput).
const MaxCrop = 1024

// Check says why t cannot be applied, in words a user can act on: a crop
// outside [1, MaxCrop], a resize smaller than the crop or absurdly large, or
// channel statistics that are not finite (a standard deviation of 0 turns
// every picture into NaN).
func (t Transform) Check() error {
	switch {
	case t.Crop < 1:
		return fmt.Errorf("picture size %d: it must be a positive number of pixels", t.Crop)
	case t.Crop > MaxCrop:
		return fmt.Errorf("picture size %d is too large: at most %d pixels fit in memory (224 is the networks' own)", t.Crop, MaxCrop)
	case t.Resize != 0 && (t.Resize < t.Crop || t.Resize > 2*MaxCrop):
		return fmt.Errorf("resize to %d does not fit a crop of %d (it must be between the crop and %d, or 0 for none)", t.Resize, t.Crop, 2*MaxCrop)
	}
	for c := range 3 {
		m, s := float64(t.Mean[c]), float64(t.Std[c])
		if math.IsNaN(m) || math.IsInf(m, 0) || math.IsNaN(s) || math.IsInf(s, 0) || s <= 0 {
			return fmt.Errorf("channel %d normalisation mean %g std %g: the mean must be a number and the std a positive one", c, m, s)
		}
	}
	return nil
}
