package device

import "errors"

// ErrOutOfMemory is wrapped by every error of a device that ran out of
// memory for an allocation (engine/vulkan's ErrOutOfMemory is this very
// value), so callers above any backend ask errors.Is(err, ErrOutOfMemory).
var ErrOutOfMemory = errors.New("out of GPU memory")
