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

// bufferList keeps large float32 buffers between calls, like freeList, but
// hands out the one that best fits the size asked for: handing out any
// buffer let a small request (a layer's rotated weights) take the largest
// one and hold it while the padded input asked for next grew another.
type bufferList struct {
	mu    sync.Mutex
	items []*[]float32
}

// get returns the smallest kept buffer that holds n floats or, when none
// does, the largest (grow replaces its memory, so the pool keeps no more
// than before), or a new empty one.
func (l *bufferList) get(n int) *[]float32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.items) == 0 {
		return new([]float32)
	}
	best := 0
	for i, it := range l.items[1:] {
		if fitsBetter(cap(*it), cap(*l.items[best]), n) {
			best = i + 1
		}
	}
	it := l.items[best]
	l.items = append(l.items[:best], l.items[best+1:]...)
	return it
}

// fitsBetter reports whether a buffer of capacity a suits a request for n
// floats better than one of capacity b: one that fits beats one that does
// not, the smaller of two that fit, the larger of two that do not.
func fitsBetter(a, b, n int) bool {
	switch {
	case (a >= n) != (b >= n):
		return a >= n
	case a >= n:
		return a < b
	default:
		return a > b
	}
}

func (l *bufferList) put(it *[]float32) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.items) < maxFree {
		l.items = append(l.items, it)
	}
}

// release drops every kept buffer.
func (l *bufferList) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.items = nil
}

var (
	// scratchPool holds per-goroutine GEMM scratch.
	scratchPool freeList[gemmScratch]
	// packPool holds large buffers: packed weights, padded and
	// deinterleaved inputs, partial weight gradients.
	packPool bufferList
)

// ReleaseScratch lets go of the memory the kernels keep between calls (a
// network's largest padded input may be hundreds of MB), for when a run has
// ended and the next may be a while or of another network.
func ReleaseScratch() {
	packPool.release()
	scratchPool.mu.Lock()
	scratchPool.items = nil
	scratchPool.mu.Unlock()
}
