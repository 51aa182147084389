package train

import (
	"math/rand"
	"runtime"
	"slices"
	"sync"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
)

// batchLoader decodes and preprocesses batches of pictures on every core,
// and can load the next batch in the background while the current one
// trains (on a GPU the host would otherwise sit idle, and decoding is then
// the slowest part of a step).
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
	done    chan struct{}
	x       []float32 // (len(idx), 3, crop, crop)
	labels  []int
	err     error
}

// load returns the batch idx of items — the one loaded ahead if it is that.
func (l *batchLoader) load(items []dataset.Item, idx []int, augment bool) ([]float32, []int, error) {
	if p := l.ahead; p != nil && slices.Equal(p.idx, idx) && p.augment == augment && sameItems(p.items, items) {
		l.ahead = nil
		<-p.done
		return p.x, p.labels, p.err
	}
	l.drop()
	p := l.start(items, idx, augment)
	<-p.done
	return p.x, p.labels, p.err
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
		<-l.ahead.done
		l.ahead = nil
	}
}

func sameItems(a, b []dataset.Item) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// start draws the batch's seeds and decodes its pictures on all cores.
func (l *batchLoader) start(items []dataset.Item, idx []int, augment bool) *pendingBatch {
	per := 3 * l.transform.Crop * l.transform.Crop
	p := &pendingBatch{items: items, idx: idx, augment: augment, done: make(chan struct{}),
		x: make([]float32, len(idx)*per), labels: make([]int, len(idx))}
	seeds := make([]int64, len(idx))
	if augment {
		for j := range seeds {
			seeds[j] = l.rng.Int63()
		}
	}
	go func() {
		defer close(p.done)
		p.err = l.decodeAll(p, seeds, per)
	}()
	return p
}

// decodeAll fills p.x and p.labels, one picture per worker at a time.
func (l *batchLoader) decodeAll(p *pendingBatch, seeds []int64, per int) error {
	jobs := make(chan int)
	errs := make([]error, len(p.idx))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(p.idx)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				errs[j] = l.decodeOne(p, j, seeds[j], p.x[j*per:(j+1)*per])
			}
		}()
	}
	for j := range p.idx {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *batchLoader) decodeOne(p *pendingBatch, j int, seed int64, dst []float32) error {
	item := p.items[p.idx[j]]
	img, err := imageprep.Decode(item.Path)
	if err != nil {
		return err
	}
	if p.augment {
		l.transform.Augment(img, rand.New(rand.NewSource(seed)), dst)
	} else {
		l.transform.Apply(img, dst)
	}
	p.labels[j] = item.Class
	return nil
}
