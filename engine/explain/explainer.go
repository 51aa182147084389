package explain

import (
	"fmt"
	"strings"

	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/predict"
	"transferlab/engine/train"
	"transferlab/engine/weights"
)

// Explainer computes Grad-CAM maps for one model: a pretrained network with
// its ImageNet head, or a trained classifier.
type Explainer struct {
	net   *models.Network
	state *models.State
	// upTo is how many of net's layers the model runs: all of them with
	// the ImageNet head; the backbone's with a classifier's head.
	upTo int
	// target is where the map is taken: at the output of Layers[:target].
	target int
	// head is the classifier's new Linear under headPrefix; nil with the
	// ImageNet head (the network's own last layer).
	head       *models.Linear
	headPrefix string
	transform  imageprep.Transform
	labels     []string
}

// Pretrained explains network with its ImageNet weights sd and head.
func Pretrained(network string, sd weights.StateDict) (*Explainer, error) {
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	st, err := models.NewState(net.Params(), pick(sd, net.Params()), 0)
	if err != nil {
		return nil, fmt.Errorf("explain: %s: %w", network, err)
	}
	return &Explainer{
		net: net, state: st, upTo: len(net.Layers), target: lastConvBlock(net),
		transform: imageprep.ImageNet(), labels: predict.ImageNetLabels(),
	}, nil
}

// ForClassifier explains a trained classifier: at the last convolutional
// block of its backbone, or at the cut when the backbone ends earlier
// (case 2).
func ForClassifier(c *train.Classifier) (*Explainer, error) {
	net, err := models.New(c.Network)
	if err != nil {
		return nil, err
	}
	sd := c.Tensors()
	prefix, head, err := findHead(net, sd)
	if err != nil {
		return nil, err
	}
	var params []models.Param
	for _, l := range net.Layers[:c.UpTo] {
		params = append(params, l.Module.Params(l.Path)...)
	}
	params = append(params, head.Params(prefix)...)
	st, err := models.NewState(params, pick(sd, params), 0)
	if err != nil {
		return nil, fmt.Errorf("explain: classifier for %s: %w", c.Network, err)
	}
	return &Explainer{
		net: net, state: st, upTo: c.UpTo, target: min(lastConvBlock(net), c.UpTo),
		head: &head, headPrefix: prefix, transform: c.Transform, labels: c.Classes,
	}, nil
}

// findHead finds the classifier's own Linear layer: the one weight matrix
// of sd that is no state_dict entry of the pretrained network (engine/train
// names it; this keeps the name in one place).
func findHead(net *models.Network, sd weights.StateDict) (string, models.Linear, error) {
	known := map[string]bool{}
	for _, p := range net.Params() {
		known[p.Name] = true
	}
	for name, t := range sd {
		prefix, ok := strings.CutSuffix(name, ".weight")
		if ok && !known[name] && len(t.Shape) == 2 {
			return prefix, models.Linear{In: t.Shape[1], Out: t.Shape[0]}, nil
		}
	}
	return "", models.Linear{}, fmt.Errorf("explain: the classifier for %s has no classifier layer of its own", net.Name)
}

// pick returns the entries of sd that params name.
func pick(sd weights.StateDict, params []models.Param) weights.StateDict {
	out := weights.StateDict{}
	for _, p := range params {
		if t, ok := sd[p.Name]; ok {
			out[p.Name] = t
		}
	}
	return out
}

// Layer names where the maps are taken, as torchvision names the module
// ("features.12", "layer4", or the cut's name).
func (e *Explainer) Layer() string { return e.net.Layers[e.target-1].Path }

// Labels are the class names, by index.
func (e *Explainer) Labels() []string { return e.labels }

// Transform is the preprocessing the model expects.
func (e *Explainer) Transform() imageprep.Transform { return e.transform }
