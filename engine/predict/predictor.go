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
	// Error says why the file could not be read (Top is then empty).
	Error string `json:"error,omitempty"`
	// NoneOfThese says the picture looks unlike every picture a trained
	// classifier learned from, so its top class means little. Classifier
	// answers always have it (false from a file without the calibration,
	// and for an unreadable picture); ImageNet answers do not.
	NoneOfThese *bool `json:"none_of_these,omitempty"`
}

// Results ranks each file's probabilities; a file without them (nil, it
// could not be read) gets the reason from err's *Unreadable instead.
func Results(files []string, probs [][]float64, err error, labels []string, k int) []Result {
	u, _ := AsUnreadable(err)
	out := make([]Result, len(files))
	bad := 0
	for i, f := range files {
		out[i] = Result{File: f, Top: []Guess{}}
		switch {
		case probs[i] != nil:
			out[i].Top = Top(probs[i], labels, k)
		case u != nil && bad < len(u.Errs):
			out[i].Error = u.Errs[bad].Error()
			bad++
		}
	}
	return out
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

// Predict ranks the top k ImageNet classes of each file. Files that cannot
// be read carry their reason in Result.Error, and the error is then an
// *Unreadable beside the complete results. progress(done, total) is called
// after each batch.
func (p *Predictor) Predict(ctx context.Context, files []string, k int, progress func(done, total int)) ([]Result, error) {
	probs, err := Probabilities(ctx, files, p.transform, p.runner, progress)
	if _, partial := AsUnreadable(err); err != nil && !partial {
		return nil, err
	}
	return Results(files, probs, err, p.labels, k), err
}

// runner compiles the whole network, on the CPU, for batches of n images.
func (p *Predictor) runner(n int) (backend.Runner, error) {
	size := p.transform.Crop
	return models.NewRunner(p.net, p.state, []int{n, 3, size, size}, len(p.net.Layers))
}
