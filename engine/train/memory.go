package train

import (
	"runtime/debug"

	"transferlab/engine/kernels"
)

// handBackMemory returns a finished run's memory to the system. A training
// run leaves gigabytes of graphs, activations and features behind as
// garbage; Go's collector would only reclaim them once the heap doubled
// again, so the next run (the lesson's case 4 after case 3) would stack its
// own on top, and an idle app would keep holding them. One collection at
// the end of a run costs a few milliseconds. The kernels' kept scratch (a
// padded input may be hundreds of MB) goes too: the next run rebuilds it.
func handBackMemory() {
	kernels.ReleaseScratch()
	debug.FreeOSMemory()
}
