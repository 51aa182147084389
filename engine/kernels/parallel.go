package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEachJob runs job(ws, i) for every i in [0, jobs) on up to GOMAXPROCS
// goroutines, each with its own pooled scratch memory ws (packed GEMM panels,
// output tiles) so no locking is needed. Jobs are handed out through an
// atomic counter because their costs differ (edge tiles are smaller).
func forEachJob(jobs int, job func(ws *gemmScratch, i int)) {
	if jobs <= 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), jobs)
	if workers == 1 {
		ws := scratchPool.get()
		for i := range jobs {
			job(ws, i)
		}
		scratchPool.put(ws)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ws := scratchPool.get()
			defer scratchPool.put(ws)
			for {
				i := int(next.Add(1)) - 1
				if i >= jobs {
					return
				}
				job(ws, i)
			}
		}()
	}
	wg.Wait()
}

// parallelFor runs body(i) for every i in [0, n). Use it for independent,
// equally sized work items such as the (n, c) planes of a pooling layer.
func parallelFor(n int, body func(i int)) {
	forEachJob(n, func(_ *gemmScratch, i int) { body(i) })
}
