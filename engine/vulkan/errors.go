package vulkan

import (
	"errors"
	"fmt"
)

// resultNames names the VkResult codes an error message may show.
var resultNames = map[int32]string{
	vkNotReady:           "VK_NOT_READY",
	vkTimeout:            "VK_TIMEOUT",
	vkIncomplete:         "VK_INCOMPLETE",
	vkErrOutOfHostMemory: "VK_ERROR_OUT_OF_HOST_MEMORY",
	vkErrOutOfDevMemory:  "VK_ERROR_OUT_OF_DEVICE_MEMORY",
	vkErrInitFailed:      "VK_ERROR_INITIALIZATION_FAILED",
	vkErrDeviceLost:      "VK_ERROR_DEVICE_LOST",
	vkErrMemoryMapFailed: "VK_ERROR_MEMORY_MAP_FAILED",
	vkErrLayerNotPresent: "VK_ERROR_LAYER_NOT_PRESENT",
	vkErrExtNotPresent:   "VK_ERROR_EXTENSION_NOT_PRESENT",
	vkErrFeatNotPresent:  "VK_ERROR_FEATURE_NOT_PRESENT",
	vkErrIncompatible:    "VK_ERROR_INCOMPATIBLE_DRIVER",
	vkErrTooManyObjects:  "VK_ERROR_TOO_MANY_OBJECTS",
	vkErrFragmentedPool:  "VK_ERROR_FRAGMENTED_POOL",
	vkErrUnknown:         "VK_ERROR_UNKNOWN",
	vkErrOutOfPoolMemory: "VK_ERROR_OUT_OF_POOL_MEMORY",
	vkErrFragmentation:   "VK_ERROR_FRAGMENTATION",
}

// resultError is a failed Vulkan call.
type resultError struct {
	fn   string
	code int32
}

func (e *resultError) Error() string { return "vulkan: " + e.reason() }

func (e *resultError) reason() string {
	name, ok := resultNames[e.code]
	if !ok {
		name = fmt.Sprintf("VkResult %d", e.code)
	}
	return e.fn + ": " + name
}

// Unwrap lets errors.Is(err, ErrOutOfMemory) see through an out-of-memory
// result from any call.
func (e *resultError) Unwrap() error {
	if isOutOfMemory(e.code) {
		return ErrOutOfMemory
	}
	return nil
}

func isOutOfMemory(code int32) bool {
	return code == vkErrOutOfHostMemory || code == vkErrOutOfDevMemory
}

// check turns a VkResult into an error (nil for VK_SUCCESS and the other
// non-negative success codes).
func check(fn string, code int32) error {
	if code >= 0 {
		return nil
	}
	return &resultError{fn: fn, code: code}
}

// errClosed is returned by every call on a closed Device.
var errClosed = fmt.Errorf("vulkan: device is closed")

func isOOM(err error) bool { return errors.Is(err, ErrOutOfMemory) }

// unavailable wraps a failure to get a usable device into ErrUnavailable
// as one line: "no usable Vulkan driver: <what failed> (<where>)".
func unavailable(where string, err error) error {
	msg := err.Error()
	var re *resultError
	if errors.As(err, &re) {
		msg = re.reason()
		if re.code == vkErrIncompatible {
			msg += ", no driver for this GPU installed?"
		}
	}
	return fmt.Errorf("%w: %s (%s)", ErrUnavailable, msg, where)
}
