package train

import (
	"fmt"

	"transferlab/engine/imageprep"
)

// Config is one training job. Zero fields take the defaults of Defaults.
type Config struct {
	Network string
	Case    int    // 1..4, see the package documentation
	Cut     string // case 2: where to cut; empty means the network's default
	Epochs  int    // upper bound; early stopping may end sooner
	Batch   int    // images per step; 0 in cases 1-2 means all at once
	// LR is the learning rate of the new classifier; the pretrained layers
	// of case 3 learn at LR*BackboneLRScale.
	LR          float64
	ValFraction float64 // used when the data has no train/val folders
	Seed        int64
	Patience    int  // epochs without a lower validation loss before stopping
	Augment     bool // random crops and flips (cases 3 and 4)
	Transform   imageprep.Transform
	// Device is where the work runs: "auto" (a hardware GPU when there is
	// one, else the CPU), "cpu", or "gpu" (any Vulkan device, the software
	// lavapipe included; an error when there is none). See gpunet.Choose.
	Device string
}

// BackboneLRScale slows the pretrained layers in case 3 so fine-tuning
// adjusts rather than overwrites what ImageNet taught them.
const BackboneLRScale = 0.1

// Defaults fills the zero fields of c with the recommended values of its case.
//
// Cases 1 and 2 train a linear classifier on standardised features with
// full-batch Adam from zero weights (Batch 0 means all training images at
// once): a convex problem, so the result depends on neither the shuffle nor
// the initialisation, and an epoch costs milliseconds. Cases 3 and 4 use SGD
// with momentum on mini-batches of images.
func (c Config) Defaults() Config {
	if c.Transform.Crop == 0 {
		c.Transform = imageprep.ImageNet()
	}
	if c.ValFraction == 0 {
		c.ValFraction = 0.2
	}
	if c.IsHead() {
		c.Epochs = or(c.Epochs, 300)
		c.Patience = or(c.Patience, 10)
		c.LR = orFloat(c.LR, 1e-3)
		return c
	}
	c.Epochs = or(c.Epochs, 15)
	c.Patience = or(c.Patience, 5)
	c.Batch = or(c.Batch, 16)
	c.LR = orFloat(c.LR, 1e-3)
	return c
}

// IsHead reports whether only a new classifier on frozen features trains.
func (c Config) IsHead() bool { return c.Case == 1 || c.Case == 2 }

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
	case c.Case < 1 || c.Case > 4:
		return fmt.Errorf("train: case must be 1, 2, 3 or 4, not %d", c.Case)
	case c.Epochs < 1:
		return fmt.Errorf("train: epochs must be at least 1")
	case c.Batch < 0 || (c.Batch == 0 && !c.IsHead()):
		return fmt.Errorf("train: batch must be at least 1")
	case c.LR <= 0:
		return fmt.Errorf("train: learning rate must be positive")
	case c.ValFraction <= 0 || c.ValFraction >= 1:
		return fmt.Errorf("train: validation share must be between 0 and 1, not %g", c.ValFraction)
	}
	return nil
}
