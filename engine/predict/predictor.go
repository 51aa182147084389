package predict

import (
	"context"
	"fmt"

	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// batchSize is how many images run through the network at once: large enough
// to amortise per-call overhead, small enough for a laptop's memory.
const batchSize = 16

// Predictor runs one pretrained network on image files.
type Predictor struct {
	net       *models.Network
	state     *models.State
	transform imageprep.Transform
	labels    []string
}

// Result is the ranking for one image.
type Result struct {
	File string  `json:"file"`
	Top  []Guess `json:"top"`
}

// New prepares network with the given ImageNet weights.
func New(network string, sd weights.StateDict) (*Predictor, error) {
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	st, err := models.NewState(net.Params(), sd, 0)
	if err != nil {
		return nil, err
	}
	return &Predictor{net: net, state: st, transform: imageprep.ImageNet(), labels: ImageNetLabels()}, nil
}

// Predict ranks the top k ImageNet classes of each file. It stops at the
// first file that cannot be read, naming it. progress(done, total) is called
// after each batch.
func (p *Predictor) Predict(ctx context.Context, files []string, k int, progress func(done, total int)) ([]Result, error) {
	size := p.transform.Crop
	per := 3 * size * size
	n := min(batchSize, len(files))
	r, err := models.NewRunner(p.net, p.state, []int{n, 3, size, size}, len(p.net.Layers))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var results []Result
	batch := make([]float32, n*per)
	for start := 0; start < len(files); start += n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		chunk := files[start:min(start+n, len(files))]
		clear(batch)
		for i, f := range chunk {
			if err := imageprep.Load(f, p.transform, batch[i*per:(i+1)*per]); err != nil {
				return nil, err
			}
		}
		logits, err := r.Run(batch)
		if err != nil {
			return nil, fmt.Errorf("predict: %w", err)
		}
		classes := len(logits) / n
		for i, f := range chunk {
			probs := Softmax(logits[i*classes : (i+1)*classes])
			results = append(results, Result{File: f, Top: Top(probs, p.labels, k)})
		}
		if progress != nil {
			progress(start+len(chunk), len(files))
		}
	}
	return results, nil
}
