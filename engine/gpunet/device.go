package gpunet

import (
	"transferlab/engine/backend"
	"transferlab/engine/device"
	"transferlab/engine/gpu"
	"transferlab/engine/models"
)

// Device is a Vulkan GPU as a backend.
type Device struct {
	dev   *gpu.Device
	owned bool // Close closes dev
}

var _ backend.Backend = (*Device)(nil)

// New uses an open device; the caller keeps it (and closes it).
func New(dev *gpu.Device) *Device { return &Device{dev: dev} }

// Open opens Vulkan device index (from vulkan.Devices; < 0: the best
// ranked); Close closes it.
func Open(index int) (*Device, error) {
	dev, err := gpu.Open(index)
	if err != nil {
		return nil, err
	}
	return &Device{dev: dev, owned: true}, nil
}

// Device names the GPU.
func (d *Device) Device() device.Info { return device.Info{GPU: d.dev.Info().Name} }

// Runner uploads st and runs forward on inputs of one shape; the Runner
// owns the uploaded State.
func (d *Device) Runner(st *models.State, input []int, forward backend.Forward) (backend.Runner, error) {
	st.SetTraining(false)
	n, err := NewNet(d.dev, st, forward)
	if err != nil {
		return nil, err
	}
	return NewRunner(n, input), nil
}

// Close closes the device when Open opened it.
func (d *Device) Close() {
	if d.owned {
		d.dev.Close()
	}
}
