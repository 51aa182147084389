package train

import (
	"fmt"
	"math"

	"transferlab/engine/cases"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
)

// Config is one training job. Zero fields take the defaults of Defaults.
type Config struct {
	Network string
	Case    cases.Case
	Cut     string // where to cut when the case cuts; empty means the network's default
	Epochs  int    // upper bound; early stopping may end sooner
	Batch   int    // images per step; 0 (where the case's recipe allows) means all at once
	// LR is the learning rate of the new classifier; pretrained layers that
	// train learn at LR times the recipe's BackboneLRScale.
	LR          float64
	ValFraction float64 // used when the data has no train/val folders
	// TestFraction of each class's training pictures is held out as a
	// test set (dataset.HoldOutTest): never trained on, never used to
	// choose the epoch, so its accuracy is an honest estimate. 0 = none.
	TestFraction float64
	Seed         int64
	Patience     int  // epochs without a lower validation loss before stopping
	Augment      bool // random crops and flips, in the cases whose recipe augments
	Transform    imageprep.Transform

	// --- issue 15: the augmentation preview's switches ---

	// NoRandomCrop and NoFlip turn off one of Augment's changes: without
	// the crop, training sees each picture resized and centre-cropped as
	// for evaluation; without the flip, never mirrored.
	NoRandomCrop, NoFlip bool
}

// Defaults fills the zero fields of c with the recipe of its case
// (cases.Case.Recipe) and the picture size and validation share every case
// shares.
func (c Config) Defaults() Config {
	if c.Transform.Crop == 0 {
		c.Transform = imageprep.ImageNet()
	}
	c.Transform.Off = imageprep.AugmentOff{Crop: c.NoRandomCrop, Flip: c.NoFlip} // the training loop reads them there
	if c.ValFraction == 0 {
		c.ValFraction = 0.2
	}
	r := c.Case.Recipe()
	c.Epochs = or(c.Epochs, r.Epochs)
	c.Patience = or(c.Patience, r.Patience)
	c.Batch = or(c.Batch, r.Batch)
	c.LR = orFloat(c.LR, r.LR)
	return c
}

func or(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func orFloat(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// Check says in one line a user can act on why c cannot be trained. It
// reads no picture, so front ends call it before scanning the data (Run
// calls it too). Zero fields mean the recipe's defaults; negative, NaN and
// infinite ones are refused, as is a cut for a case that does not cut.
func (c Config) Check() error {
	if err := c.checkGiven(); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := c.Defaults().validate(); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return nil
}

// checkGiven refuses the values Defaults would keep or hide: negative
// counts, and learning rates or validation shares that are not numbers.
func (c Config) checkGiven() error {
	switch {
	case c.Epochs < 0:
		return fmt.Errorf("epochs must be at least 1, not %d", c.Epochs)
	case c.Batch < 0:
		return fmt.Errorf("batch must be at least 1 picture, not %d", c.Batch)
	case c.Patience < 0:
		return fmt.Errorf("patience must be at least 1 epoch, not %d", c.Patience)
	case !finite(c.LR) || c.LR < 0:
		return fmt.Errorf("learning rate must be a positive number, not %g", c.LR)
	case !finite(c.ValFraction):
		return fmt.Errorf("validation share must be between 0 and 1, not %g", c.ValFraction)
	case !finite(c.TestFraction) || c.TestFraction < 0 || c.TestFraction >= 1:
		return fmt.Errorf("test share must be at least 0 and below 1, not %g", c.TestFraction)
	}
	return nil
}

// validate checks a config with its defaults filled in, against its case
// and network.
func (c Config) validate() error {
	if err := c.Case.Check(); err != nil {
		return err
	}
	net, err := models.New(c.Network)
	if err != nil {
		return err
	}
	if err := checkCut(net, c.Case, c.Cut); err != nil {
		return err
	}
	switch {
	case c.Epochs < 1:
		return fmt.Errorf("epochs must be at least 1")
	case c.Batch < 0 || (c.Batch == 0 && c.Case.TrainsBackbone()):
		return fmt.Errorf("batch must be at least 1")
	case c.LR <= 0:
		return fmt.Errorf("learning rate must be positive")
	case c.ValFraction <= 0 || c.ValFraction >= 1:
		return fmt.Errorf("validation share must be between 0 and 1, not %g", c.ValFraction)
	}
	return checkTransform(net, c.Transform)
}

// checkCut refuses a cut the case would ignore, or one the network lacks.
func checkCut(net *models.Network, k cases.Case, cut string) error {
	if cut == "" {
		return nil
	}
	if !k.Cuts() {
		return fmt.Errorf("case %d does not cut the network, so a cut (%q) makes no sense; only case %d cuts", k, cut, cases.CutBackbone)
	}
	_, err := net.Cut(cut)
	return err
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkTransform is t's own rules and the network's smallest input.
func checkTransform(net *models.Network, t imageprep.Transform) error {
	if err := t.Check(); err != nil {
		return err
	}
	if t.Crop < net.MinInput {
		return fmt.Errorf("picture size %d is too small for %s: its strided layers need at least %d pixels", t.Crop, net.Name, net.MinInput)
	}
	return nil
}
