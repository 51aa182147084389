package imageprep

import (
	"image"
	"math/rand"
	"runtime"
	"sync"
)

// Pending is a batch of pictures being decoded in the background, so the
// next batch loads while the current one runs through a network.
type Pending struct {
	done chan struct{}
	x    []float32
	errs []error // per picture, nil where it loaded
}

// LoadBatch starts decoding files into x on every core and returns at once:
// picture i becomes x[i·t.Len() : (i+1)·t.Len()] as (3, Crop, Crop); rows
// past the files are left as they are. With seeds, picture i is augmented
// (Transform.Augment) from a source seeded by seeds[i], so the pictures do
// not depend on the number of cores; without, it is preprocessed
// (Transform.Apply).
func LoadBatch(files []string, t Transform, seeds []int64, x []float32) *Pending {
	return LoadBatchCached(files, t, seeds, x, nil)
}

// LoadBatchCached is LoadBatch reading and keeping pictures in cache (nil:
// none), for the same files loaded again every epoch.
func LoadBatchCached(files []string, t Transform, seeds []int64, x []float32, cache *PictureCache) *Pending {
	p := &Pending{done: make(chan struct{}), x: x}
	go func() {
		defer close(p.done)
		p.errs = loadAll(files, t, seeds, x, cache)
	}()
	return p
}

// Wait returns the batch, or the first picture's error in file order.
func (p *Pending) Wait() ([]float32, error) {
	<-p.done
	for _, err := range p.errs {
		if err != nil {
			return p.x, err
		}
	}
	return p.x, nil
}

// WaitEach returns the batch and each picture's error (nil where it
// loaded), so a caller can use the good pictures of a batch with a bad one;
// a failed picture's rows hold no meaningful values.
func (p *Pending) WaitEach() ([]float32, []error) {
	<-p.done
	return p.x, p.errs
}

// loadAll decodes one picture per worker at a time, returning each one's error.
func loadAll(files []string, t Transform, seeds []int64, x []float32, cache *PictureCache) []error {
	per := t.Len()
	errs := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = loadOne(files[i], t, seeds, i, x[i*per:(i+1)*per], cache)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return errs
}

// loadOne is Load, or Decode and Augment when there are seeds, through
// the cache when there is one.
func loadOne(file string, t Transform, seeds []int64, i int, dst []float32, cache *PictureCache) error {
	switch {
	case seeds == nil && cache == nil:
		return Load(file, t, dst)
	case seeds == nil:
		if err := t.checkDst(file, dst); err != nil {
			return err
		}
		return cache.apply(file, t, dst)
	}
	decode := Decode
	if cache != nil {
		decode = func(path string) (image.Image, error) { return cache.decode(path) }
	}
	img, err := decode(file)
	if err != nil {
		return err
	}
	t.Augment(img, rand.New(rand.NewSource(seeds[i])), dst)
	return nil
}
