package kernels

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEachJob runs job(i) for every i in [0, jobs) on up to GOMAXPROCS
// goroutines. newWorker is called once per goroutine and returns that
// goroutine's job function, so each goroutine can own scratch buffers (packed
// GEMM panels, im2col columns) without locking. Jobs are handed out through an
// atomic counter because their costs differ (edge tiles are smaller).
func forEachJob(jobs int, newWorker func() func(job int)) {
	if jobs <= 0 {
		return
	}
	workers := min(runtime.GOMAXPROCS(0), jobs)
	if workers == 1 {
		do := newWorker()
		for i := range jobs {
			do(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := newWorker()
			for {
				i := int(next.Add(1)) - 1
				if i >= jobs {
					return
				}
				do(i)
			}
		}()
	}
	wg.Wait()
}

// parallelFor runs body(i) for every i in [0, n). Use it for independent,
// equally sized work items such as the (n, c) planes of a pooling layer.
func parallelFor(n int, body func(i int)) {
	forEachJob(n, func() func(int) { return body })
}
