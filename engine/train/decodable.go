package train

import (
	"context"
	"runtime"
	"sync"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
)

// leaveOutUndecodable decodes every picture of data once, on every core,
// before the cases that train the whole network (they decode each picture
// again every epoch). The scan only checks headers, so a picture whose body
// is damaged (a truncated download) is found here, left out and listed in
// Skipped, rather than failing the first epoch that meets it.
func leaveOutUndecodable(ctx context.Context, data *dataset.Dataset) (*dataset.Dataset, error) {
	items := append(append([]dataset.Item(nil), data.Train...), data.Val...)
	errs := make([]error, len(items))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				_, errs[i] = imageprep.Decode(items[i].Path)
			}
		}()
	}
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var bad []dataset.Skipped
	for i, err := range errs {
		if err != nil {
			bad = append(bad, dataset.Skipped{Path: items[i].Path, Reason: imageprep.Reason(err, items[i].Path)})
		}
	}
	return data.LeaveOut(bad)
}
