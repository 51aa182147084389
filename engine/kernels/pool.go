package kernels

import "sync"

// freeList keeps memory between calls: packed weights, deinterleaved inputs,
// partial sums and each goroutine's scratch. Unlike sync.Pool it is not
// emptied by the garbage collector, so a network that runs batch after batch
// reuses the same memory instead of faulting in fresh pages after every
// collection. It holds at most maxFree items; more are dropped.
type freeList[T any] struct {
	mu    sync.Mutex
	items []*T
}

const maxFree = 16

func (f *freeList[T]) get() *T {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := len(f.items); n > 0 {
		it := f.items[n-1]
		f.items = f.items[:n-1]
		return it
	}
	return new(T)
}

func (f *freeList[T]) put(it *T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.items) < maxFree {
		f.items = append(f.items, it)
	}
}

var (
	// scratchPool holds per-goroutine GEMM scratch.
	scratchPool freeList[gemmScratch]
	// packPool holds large buffers: packed weights, deinterleaved inputs,
	// partial weight gradients.
	packPool freeList[[]float32]
)
