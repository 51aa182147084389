package project

import "fmt"

// Settings are the training choices saved with the project. Field names
// follow the command line (transferlab train --epochs --lr ...).
type Settings struct {
	Network      string  `json:"network"`
	Case         int     `json:"case"` // 1..4, see DESIGN.md "the four cases"; 0 = use the recommendation
	Epochs       int     `json:"epochs"`
	LearningRate float64 `json:"lr"`
	BatchSize    int     `json:"batch"`
	ValShare     float64 `json:"val"` // fraction of each class held out for validation
	Augment      bool    `json:"augment"`
	Seed         int64   `json:"seed"`
	Device       string  `json:"device"` // "auto", "cpu" or "gpu"
}

// DefaultSettings are sensible for a first run on a laptop: a small, fast
// network, the app's recommended case, a short schedule.
func DefaultSettings() Settings {
	return Settings{
		Network:      "resnet18",
		Case:         0,
		Epochs:       10,
		LearningRate: 0.001,
		BatchSize:    16,
		ValShare:     0.2,
		Augment:      true,
		Seed:         1,
		Device:       "auto",
	}
}

// Validate says which setting is out of range, in words a user can act on.
func (s Settings) Validate() error {
	switch {
	case s.Case < 0 || s.Case > 4:
		return fmt.Errorf("case must be 1, 2, 3 or 4, not %d", s.Case)
	case s.Epochs < 1 || s.Epochs > 1000:
		return fmt.Errorf("epochs must be between 1 and 1000, not %d", s.Epochs)
	case !(s.LearningRate > 0 && s.LearningRate <= 10):
		return fmt.Errorf("learning rate must be above 0 and at most 10, not %g", s.LearningRate)
	case s.BatchSize < 1 || s.BatchSize > 4096:
		return fmt.Errorf("batch size must be between 1 and 4096, not %d", s.BatchSize)
	case !(s.ValShare > 0 && s.ValShare < 1):
		return fmt.Errorf("validation share must be between 0 and 1 (e.g. 0.2), not %g", s.ValShare)
	case s.Device != "auto" && s.Device != "cpu" && s.Device != "gpu":
		return fmt.Errorf("device must be auto, cpu or gpu, not %q", s.Device)
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
