//go:build unix

package kernels

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time; benchmarks report work per
// CPU-second too, which other load on a shared machine disturbs less than
// work per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
