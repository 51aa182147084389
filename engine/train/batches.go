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
type batchLoader struct {
	transform imageprep.Transform
	rng       *rand.Rand
	ahead     *pendingBatch
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

// drop waits for and forgets a batch loaded ahead that was not used.
func (l *batchLoader) drop() {
	if l.ahead != nil {
		l.ahead.input.Wait()
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
	p.input = imageprep.LoadBatch(files, l.transform, seeds, make([]float32, len(idx)*l.transform.Len()))
	return p
}
