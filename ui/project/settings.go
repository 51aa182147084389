package project

import (
	"fmt"

	"transferlab/engine/cases"
	"transferlab/engine/device"
)

// Settings are the training choices saved with the project. Field names
// follow the command line (transferlab train --epochs --lr ...).
//
// Epochs, LearningRate, BatchSize and ImageSize are 0 for "automatic": the
// engine then uses the recipe of the chosen case (cases.Case.Recipe) and
// the network's own picture size.
type Settings struct {
	Network      string     `json:"network"`
	Case         cases.Case `json:"case"`           // its number on the wire; cases.None (0) = use the recommendation
	Epochs       int        `json:"epochs"`         // 0 = automatic
	LearningRate float64    `json:"lr"`             // 0 = automatic
	BatchSize    int        `json:"batch"`          // 0 = automatic
	ValShare     float64    `json:"val"`            // fraction of each class held out for validation
	TestShare    float64    `json:"test,omitempty"` // fraction of each class's training pictures held out to test the kept model; 0 = none
	Augment      bool       `json:"augment"`
	Seed         int64      `json:"seed"`
	Device       string     `json:"device"`               // "auto", "cpu" or "gpu"
	ImageSize    int        `json:"image_size,omitempty"` // side of the square the pictures are scaled to; 0 = the network's (224)

	// --- issue 15: the augmentation preview's switches (with Augment on) ---
	NoRandomCrop bool `json:"no_random_crop,omitempty"` // training sees the whole picture, not random parts
	NoFlip       bool `json:"no_flip,omitempty"`        // training never mirrors the pictures
}

// MaxTestShare keeps most training pictures for training.
const MaxTestShare = 0.5

// Limits of the picture size: below 64 pixels some networks (AlexNet) pool
// their feature maps away.
const (
	MinImageSize = 64
	MaxImageSize = 1024
)

// DefaultSettings are sensible for a first run on a laptop: the smallest,
// fastest network, the app's recommended case and the engine's recommended
// schedule for it.
func DefaultSettings() Settings {
	return Settings{
		Network:  "squeezenet1_1",
		ValShare: 0.2,
		Augment:  true,
		Seed:     1,
		Device:   "auto",
	}
}

// Validate says which setting is out of range, in words a user can act on.
func (s Settings) Validate() error {
	switch {
	case s.Case != cases.None && s.Case.Check() != nil:
		return s.Case.Check()
	case s.Epochs < 0 || s.Epochs > 1000:
		return newProblem("epochs must be between 1 and 1000 (or automatic), not {{.V}}", value(s.Epochs))
	case !(s.LearningRate >= 0 && s.LearningRate <= 10):
		return newProblem("learning rate must be above 0 and at most 10 (or automatic), not {{.V}}", value(s.LearningRate))
	case s.BatchSize < 0 || s.BatchSize > 4096:
		return newProblem("batch size must be between 1 and 4096 (or automatic), not {{.V}}", value(s.BatchSize))
	case s.ImageSize != 0 && (s.ImageSize < MinImageSize || s.ImageSize > MaxImageSize):
		return newProblem("picture size must be between {{.Min}} and {{.Max}} pixels (or automatic), not {{.V}}",
			map[string]any{"Min": MinImageSize, "Max": MaxImageSize, "V": s.ImageSize})
	case !(s.ValShare > 0 && s.ValShare < 1):
		return newProblem("validation share must be between 0 and 1 (e.g. 0.2), not {{.V}}", value(s.ValShare))
	case !(s.TestShare >= 0 && s.TestShare <= MaxTestShare):
		return newProblem("test share must be between 0 (none) and {{.Max}}, not {{.V}}",
			map[string]any{"Max": fmt.Sprint(MaxTestShare), "V": fmt.Sprint(s.TestShare)})
	case device.Choice(s.Device).Check() != nil:
		return device.Choice(s.Device).Check()
	}
	return nil
}

// Settings returns the current settings.
func (p *Project) Settings() Settings {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.settings
}

// SetSettings replaces the settings after validating them.
func (p *Project) SetSettings(s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	p.mu.Lock()
	same := p.settings == s
	p.settings = s
	p.mu.Unlock()
	if !same {
		p.changed()
	}
	return nil
}

// value is the template data of a message about one value.
func value(v any) map[string]any { return map[string]any{"V": v} }
