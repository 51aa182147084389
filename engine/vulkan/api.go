package vulkan

import (
	"errors"

	"transferlab/engine/device"
)

// ErrUnavailable wraps every "no usable Vulkan" failure: no loader library,
// no instance, no device with a compute queue.
var ErrUnavailable = errors.New("no usable Vulkan driver")

// ErrOutOfMemory is returned (wrapped) when the device or host runs out of
// memory for an allocation (VK_ERROR_OUT_OF_DEVICE_MEMORY / HOST_MEMORY). It
// is device.ErrOutOfMemory itself, so code above the backends (which never
// imports Vulkan) recognises it.
var ErrOutOfMemory = device.ErrOutOfMemory

// DeviceInfo describes one physical device.
type DeviceInfo struct {
	Index       int    // position in vkEnumeratePhysicalDevices
	Name        string // deviceName, e.g. "NVIDIA H200" or "llvmpipe (LLVM 15.0.6, 256 bits)"
	Type        string // "discrete", "integrated", "virtual", "cpu" or "other"
	MemoryBytes uint64 // largest DEVICE_LOCAL heap
	Driver      string // driver name when VK_KHR_driver_properties / 1.2 gives it, else ""
}

// Software reports a CPU implementation (lavapipe/llvmpipe, SwiftShader).
func (i DeviceInfo) Software() bool { return i.Type == "cpu" }

// Rank orders devices by type, higher is better: discrete > integrated >
// virtual > other > cpu. Open(-1) and engine/gpunet's choice of a hardware
// GPU both rank by it.
func (i DeviceInfo) Rank() int {
	switch i.Type {
	case "discrete":
		return 4
	case "integrated":
		return 3
	case "virtual":
		return 2
	case "other":
		return 1
	}
	return 0
}
