package train

import (
	"errors"
	"fmt"

	"transferlab/engine/device"
)

// announce tells the user which device works, and why not the GPU when one
// was wanted but is not used.
func announce(info device.Info, progress Progress) {
	msg := info.String()
	if info.Note != "" {
		msg += " — " + info.Note
	}
	progress.send(Event{Phase: PhaseDevice, Message: msg})
}

// explainOutOfMemory turns running out of GPU memory into advice: the batch
// is what the user can change. The error still wraps device.ErrOutOfMemory.
func explainOutOfMemory(err error, info device.Info, cfg Config) error {
	if info.GPU == "" || !errors.Is(err, device.ErrOutOfMemory) {
		return err
	}
	if cfg.Batch > 1 {
		return fmt.Errorf("train: out of GPU memory on %s at a batch of %d images; try a batch of %d: %w",
			info.GPU, cfg.Batch, cfg.Batch/2, err)
	}
	return fmt.Errorf("train: out of GPU memory on %s; try the CPU: %w", info.GPU, err)
}
