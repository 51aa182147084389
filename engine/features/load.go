package features

import (
	"runtime"
	"sync"

	"transferlab/engine/imageprep"
)

// pendingInput is a backbone input being decoded in the background, so the
// next batch's pictures load while the current batch runs.
type pendingInput struct {
	done chan struct{}
	x    []float32 // (batchSize, 3, crop, crop); rows past the files stay zero
	err  error
}

// loadAsync starts decoding files (at most batchSize) on every core.
func (e *Extractor) loadAsync(files []string) *pendingInput {
	per := 3 * e.transform.Crop * e.transform.Crop
	p := &pendingInput{done: make(chan struct{}), x: make([]float32, batchSize*per)}
	go func() {
		defer close(p.done)
		p.err = e.loadAll(files, p.x, per)
	}()
	return p
}

// wait returns the decoded input.
func (p *pendingInput) wait() ([]float32, error) {
	<-p.done
	return p.x, p.err
}

// loadAll fills x with the preprocessed files, one file per worker at a time.
func (e *Extractor) loadAll(files []string, x []float32, per int) error {
	errs := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = imageprep.Load(files[i], e.transform, x[i*per:(i+1)*per])
			}
		}()
	}
	for i := range files {
		jobs <- i
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
