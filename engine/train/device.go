package train

import (
	"errors"
	"fmt"

	"transferlab/engine/gpunet"
	"transferlab/engine/vulkan"
)

// chooseDevice opens the device cfg.Device asks for and tells the user which
// one works, and why not the GPU when one was wanted but is not used.
func chooseDevice(cfg Config, progress Progress) (gpunet.Choice, error) {
	dev, err := gpunet.Choose(cfg.Device)
	if err != nil {
		return dev, fmt.Errorf("%w; train on the CPU or let the app choose (automatic)", err)
	}
	msg := dev.Name
	if dev.Note != "" {
		msg += " — " + dev.Note
	}
	progress.send(Event{Phase: PhaseDevice, Message: msg})
	return dev, nil
}

// explainDeviceError turns running out of GPU memory into advice: the batch
// is what the user can change.
func explainDeviceError(err error, dev gpunet.Choice, cfg Config) error {
	if dev.Dev == nil || !errors.Is(err, vulkan.ErrOutOfMemory) {
		return err
	}
	name := dev.Dev.Info().Name
	if cfg.Batch > 1 {
		return fmt.Errorf("train: out of GPU memory on %s at a batch of %d images; try a batch of %d: %w",
			name, cfg.Batch, cfg.Batch/2, err)
	}
	return fmt.Errorf("train: out of GPU memory on %s; try the CPU: %w", name, err)
}
