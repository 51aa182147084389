package train

import (
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/imageprep"
)

// TestAugmentSwitchesReachTheTrainingTransform: the switches travel in the
// Transform the training loop hands to imageprep's Augment, and only there:
// the evaluation preprocessing (its Key) stays the same.
func TestAugmentSwitchesReachTheTrainingTransform(t *testing.T) {
	plain := Config{Network: "squeezenet1_1", Case: cases.FineTune, Augment: true}.Defaults()
	for _, tc := range []struct {
		cfg  Config
		want imageprep.AugmentOff
	}{
		{Config{NoFlip: true}, imageprep.AugmentOff{Flip: true}},
		{Config{NoRandomCrop: true}, imageprep.AugmentOff{Crop: true}},
		{Config{NoRandomCrop: true, NoFlip: true}, imageprep.AugmentOff{Crop: true, Flip: true}},
		{Config{}, imageprep.AugmentOff{}},
	} {
		tc.cfg.Network, tc.cfg.Case, tc.cfg.Augment = "squeezenet1_1", cases.FineTune, true
		got := tc.cfg.Defaults().Transform
		if got.Off != tc.want || got.Key() != plain.Transform.Key() {
			t.Errorf("%+v: Transform.Off %+v (want %+v), key %q", tc.cfg, got.Off, tc.want, got.Key())
		}
	}
}
