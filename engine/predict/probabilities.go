package predict

import (
	"context"
	"fmt"

	"transferlab/engine/backend"
	"transferlab/engine/imageprep"
)

// batchSize is how many images run through the network at once: large enough
// to amortise per-call overhead, small enough for a laptop's memory.
const batchSize = 16

// Probabilities runs image files through a network in batches and returns
// each file's class probabilities (the softmax of its logits), as Outputs
// does.
func Probabilities(ctx context.Context, files []string, t imageprep.Transform, newRunner func(n int) (backend.Runner, error), progress func(done, total int)) ([][]float64, error) {
	rows, err := Outputs(ctx, files, t, newRunner, progress)
	if rows == nil {
		return nil, err
	}
	probs := make([][]float64, len(rows))
	for i, r := range rows {
		if r != nil {
			probs[i] = Softmax(r)
		}
	}
	return probs, err
}

// Outputs runs image files through a network in batches and returns each
// file's output row: logits (K) for a classifier, features (D) for a
// backbone that ends pooled. newRunner compiles the network for batches of
// n images (n, 3, crop, crop), for t's crop; a short last batch is padded
// with zeros. A file that cannot be read gets a nil row and the others go
// on: the error is then an *Unreadable listing them. progress(done, total)
// follows each batch.
func Outputs(ctx context.Context, files []string, t imageprep.Transform, newRunner func(n int) (backend.Runner, error), progress func(done, total int)) ([][]float32, error) {
	return OutputsCached(ctx, files, t, nil, newRunner, progress)
}

// OutputsCached is Outputs reading and keeping pictures in cache (nil:
// none), for pictures a training run has just decoded.
func OutputsCached(ctx context.Context, files []string, t imageprep.Transform, cache *imageprep.PictureCache, newRunner func(n int) (backend.Runner, error), progress func(done, total int)) ([][]float32, error) {
	n := min(batchSize, len(files))
	r, err := newRunner(n)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out [][]float32
	var bad []error
	x := make([]float32, n*t.Len())
	for start := 0; start < len(files); start += n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		chunk := files[start:min(start+n, len(files))]
		clear(x)
		_, errs := imageprep.LoadBatchCached(chunk, t, nil, x, cache).WaitEach()
		y, err := r.Run(x)
		if err != nil {
			return nil, fmt.Errorf("predict: %w", err)
		}
		width := len(y) / n
		for i := range chunk {
			if errs[i] != nil {
				bad = append(bad, errs[i])
				out = append(out, nil)
				continue
			}
			out = append(out, append([]float32(nil), y[i*width:(i+1)*width]...))
		}
		if progress != nil {
			progress(start+len(chunk), len(files))
		}
	}
	if len(bad) > 0 {
		return out, &Unreadable{Total: len(files), Errs: bad}
	}
	return out, nil
}
