package train

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/predict"
	"transferlab/engine/weights"
)

// metaKey is where a classifier file keeps its description.
const metaKey = "transferlab.classifier"

// Classifier is a trained model: the backbone layers it uses, its new head,
// and everything needed to apply it to new images. It is saved in the
// engine's checkpoint format with its description as metadata.
type Classifier struct {
	Network   string              `json:"network"`
	Case      cases.Case          `json:"case"`
	Cut       string              `json:"cut,omitempty"`
	UpTo      int                 `json:"backbone_layers"`
	Classes   []string            `json:"classes"`
	Transform imageprep.Transform `json:"preprocessing"`
	Metrics   Result              `json:"metrics"`
	// Novelty says "none of these" for pictures unlike the training ones;
	// nil in files saved before it existed.
	Novelty *Novelty `json:"novelty,omitempty"`
	state   weights.StateDict
}

func newClassifier(net *models.Network, cfg Config, upTo int, res *Result, backbone, head weights.StateDict) *Classifier {
	sd := weights.StateDict{}
	for k, v := range backbone {
		sd[k] = v
	}
	for k, v := range head {
		sd[k] = v
	}
	return &Classifier{
		Network: net.Name, Case: cfg.Case, Cut: res.Cut, UpTo: upTo, Classes: res.Classes,
		Transform: cfg.Transform, state: sd,
	}
}

// Save writes the classifier atomically.
func (c *Classifier) Save(path string) error {
	meta, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return weights.Save(path, c.Novelty.withReference(c.state), map[string]string{metaKey: string(meta)})
}

// LoadClassifier reads a file written by Save.
func LoadClassifier(path string) (*Classifier, error) {
	sd, meta, err := weights.Load(path)
	if err != nil {
		return nil, err
	}
	raw, ok := meta[metaKey]
	if !ok {
		return nil, fmt.Errorf("train: %s is a checkpoint but not a TransferLab classifier", path)
	}
	c := &Classifier{state: sd}
	if err := json.Unmarshal([]byte(raw), c); err != nil {
		return nil, fmt.Errorf("train: %s: bad description: %w", path, err)
	}
	c.Novelty.takeReference(c.state)
	// The SHA-256 only proves the bytes are what some program wrote: a
	// description edited by hand (or by another version) must not reach the
	// network code, which trusts it.
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("train: %s is damaged: %w", path, err)
	}
	return c, nil
}

// Predictor compiles the classifier for batches of n images, on the CPU.
func (c *Classifier) Predictor(n int) (backend.Runner, error) {
	net, err := models.New(c.Network)
	if err != nil {
		return nil, err
	}
	m := transfer{net: net, upTo: c.UpTo, head: models.Linear{In: c.featureDim(net), Out: len(c.Classes)}}
	st, err := models.NewState(m.params(), c.state, 0)
	if err != nil {
		return nil, fmt.Errorf("train: classifier for %s: %w", c.Network, err)
	}
	return cpunet.New("").Runner(st, []int{n, 3, c.Transform.Crop, c.Transform.Crop}, m.forward)
}

func (c *Classifier) featureDim(net *models.Network) int {
	if w, ok := c.state[headPath+".weight"]; ok && len(w.Shape) == 2 {
		return w.Shape[1]
	}
	return net.FeatureDim
}

// Classify returns the class probabilities of each image file.
func (c *Classifier) Classify(ctx context.Context, files []string, progress func(done, total int)) ([][]float64, error) {
	return predict.Probabilities(ctx, files, c.Transform, c.Predictor, progress)
}

// Evaluate classifies labelled files (truth indexes c.Classes) and reports
// accuracy, loss, the confusion matrix and per-class figures. When some
// pictures cannot be decoded (the scan checks headers only, so a truncated
// one gets this far) the figures are those of the others, and the error
// is the *predict.Unreadable naming the bad ones; the caller lists them.
func (c *Classifier) Evaluate(ctx context.Context, files []string, truth []int, progress func(done, total int)) (Evaluation, []Prediction, error) {
	probs, err := c.Classify(ctx, files, progress)
	if _, partial := predict.AsUnreadable(err); err != nil && !partial {
		return Evaluation{}, nil, err
	}
	preds := make([]Prediction, 0, len(files))
	var loss float64
	for i, p := range probs {
		if p == nil { // unreadable: named in err
			continue
		}
		preds = append(preds, Prediction{File: files[i], True: truth[i], Predicted: argmax(p), Probs: p})
		loss -= math.Log(math.Max(p[truth[i]], 1e-12))
	}
	if len(preds) == 0 {
		return Evaluation{}, nil, err
	}
	return evaluate(c.Classes, preds, loss/float64(len(preds))), preds, err
}
