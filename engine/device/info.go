package device

import (
	"fmt"
	"runtime"
)

// Info is the device a backend runs on, as the user reads it.
type Info struct {
	// GPU is the GPU's own name, e.g. "NVIDIA H200"; "" on the CPU.
	GPU string
	// Note says, in one line, why a GPU was asked for but not used ("" when
	// nothing needs saying).
	Note string
}

// String is "GPU: <name>" or "CPU (<n> cores)".
func (i Info) String() string {
	if i.GPU != "" {
		return "GPU: " + i.GPU
	}
	return fmt.Sprintf("CPU (%d cores)", runtime.NumCPU())
}
