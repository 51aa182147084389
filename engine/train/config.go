package train

import (
	"fmt"

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
	Seed        int64
	Patience    int  // epochs without a lower validation loss before stopping
	Augment     bool // random crops and flips, in the cases whose recipe augments
	Transform   imageprep.Transform
}

// Defaults fills the zero fields of c with the recipe of its case
// (cases.Case.Recipe) and the picture size and validation share every case
// shares.
func (c Config) Defaults() Config {
	if c.Transform.Crop == 0 {
		c.Transform = imageprep.ImageNet()
	}
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

func (c Config) validate() error {
	switch {
	case c.Case.Check() != nil:
		return fmt.Errorf("train: %w", c.Case.Check())
	case c.Epochs < 1:
		return fmt.Errorf("train: epochs must be at least 1")
	case c.Batch < 0 || (c.Batch == 0 && c.Case.TrainsBackbone()):
		return fmt.Errorf("train: batch must be at least 1")
	case c.LR <= 0:
		return fmt.Errorf("train: learning rate must be positive")
	case c.ValFraction <= 0 || c.ValFraction >= 1:
		return fmt.Errorf("train: validation share must be between 0 and 1, not %g", c.ValFraction)
	}
	return nil
}

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
