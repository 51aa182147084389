//go:build !unix

package kernels

import "time"

// cpuTime is unavailable here; the per-CPU-second metric reads +Inf.
func cpuTime() time.Duration { return 0 }
