package vulkan

import "errors"

// ErrUnavailable wraps every "no usable Vulkan" failure: no loader library,
// no instance, no device with a compute queue.
var ErrUnavailable = errors.New("no usable Vulkan driver")

// ErrOutOfMemory is returned (wrapped) when the device or host runs out of
// memory for an allocation (VK_ERROR_OUT_OF_DEVICE_MEMORY / HOST_MEMORY).
var ErrOutOfMemory = errors.New("out of GPU memory")

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
