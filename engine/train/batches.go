package train

import (
	"math/rand"
	"slices"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
)

// batchLoader decodes and preprocesses batches of pictures on every core
// (imageprep.LoadBatch), and can load the next batch in the background
// while the current one trains (on a GPU the host would otherwise sit idle,
// and decoding is then the slowest part of a step).
//
// Augmented pictures each get a seed drawn from rng in batch order when
// their batch is first asked for, so the pictures do not depend on the
// number of cores or on loading ahead.
//
// A batch's memory is handed back (recycle) once its step has run and is
// reused for a later batch: a fresh batch every step (9.6 MB at batch 16,
// 224×224) is garbage that lets the heap grow until the collector runs.
//
// Pictures are kept decoded in a cache between epochs (see
// pictureCacheBudget), which gives the same tensors as decoding again.
type batchLoader struct {
	transform imageprep.Transform
	rng       *rand.Rand
	cache     *imageprep.PictureCache // nil: none, or the run is over
	ahead     *pendingBatch
	spare     [][]float32 // batches' memory no step reads any more
}

// pictureCacheBudget bounds the pictures a whole-network run keeps decoded
// (see imageprep.PictureCache): on a classroom laptop (8 GB) it is room to
// spare, and it holds the ant and bee photos (245 to train at 3 bytes a
// pixel, 142 MB, and 153 to check at 150 KB) whole. A larger data set
// keeps what fits and decodes the rest every epoch.
const pictureCacheBudget = 192 << 20

// recycle hands back a batch that load returned, once nothing reads it.
func (l *batchLoader) recycle(x []float32) {
	if len(l.spare) < 2 { // one loading ahead, one running
		l.spare = append(l.spare, x)
	}
}

// buffer returns n floats, from a recycled batch when one is large enough.
func (l *batchLoader) buffer(n int) []float32 {
	for i, b := range l.spare {
		if cap(b) >= n {
			l.spare = append(l.spare[:i], l.spare[i+1:]...)
			return b[:n]
		}
	}
	return make([]float32, n)
}

// pendingBatch is a batch being loaded in the background.
type pendingBatch struct {
	items   []dataset.Item
	idx     []int
	augment bool
	labels  []int
	input   *imageprep.Pending // (len(idx), 3, crop, crop)
}

// load returns the batch idx of items — the one loaded ahead if it is that.
func (l *batchLoader) load(items []dataset.Item, idx []int, augment bool) ([]float32, []int, error) {
	p := l.ahead
	if p != nil && slices.Equal(p.idx, idx) && p.augment == augment && sameItems(p.items, items) {
		l.ahead = nil
	} else {
		l.drop()
		p = l.start(items, idx, augment)
	}
	x, err := p.input.Wait()
	return x, p.labels, err
}

// loadAhead starts loading a batch in the background (nil: nothing).
func (l *batchLoader) loadAhead(items []dataset.Item, idx []int, augment bool) {
	l.drop()
	if len(idx) > 0 {
		l.ahead = l.start(items, idx, augment)
	}
}

// close hands back the memory of the cache and of a batch loaded ahead.
func (l *batchLoader) close() {
	l.drop()
	l.cache, l.spare = nil, nil
}

// drop waits for and forgets a batch loaded ahead that was not used.
func (l *batchLoader) drop() {
	if l.ahead != nil {
		x, _ := l.ahead.input.Wait()
		l.recycle(x)
		l.ahead = nil
	}
}

func sameItems(a, b []dataset.Item) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// start draws the batch's seeds and starts decoding its pictures.
func (l *batchLoader) start(items []dataset.Item, idx []int, augment bool) *pendingBatch {
	p := &pendingBatch{items: items, idx: idx, augment: augment, labels: make([]int, len(idx))}
	files := make([]string, len(idx))
	for j, i := range idx {
		files[j], p.labels[j] = items[i].Path, items[i].Class
	}
	var seeds []int64
	if augment {
		seeds = make([]int64, len(idx))
		for j := range seeds {
			seeds[j] = l.rng.Int63()
		}
	}
	p.input = imageprep.LoadBatchCached(files, l.transform, seeds, l.buffer(len(idx)*l.transform.Len()), l.cache)
	return p
}
