package predict

import (
	"context"

	"transferlab/engine/backend"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

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
	probs, err := Probabilities(ctx, files, p.transform, p.runner, progress)
	if err != nil {
		return nil, err
	}
	var results []Result
	for i, f := range files {
		results = append(results, Result{File: f, Top: Top(probs[i], p.labels, k)})
	}
	return results, nil
}

// runner compiles the whole network, on the CPU, for batches of n images.
func (p *Predictor) runner(n int) (backend.Runner, error) {
	size := p.transform.Crop
	return models.NewRunner(p.net, p.state, []int{n, 3, size, size}, len(p.net.Layers))
}
