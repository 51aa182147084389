package train

import (
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// Forward adds the whole classifier to be: x (N, 3, S, S) -> logits (N, K),
// S being Transform.Crop. Exporters (engine/onnx) lower it onto their own
// backend, so the model stays described in one place (transfer.forward).
func (c *Classifier) Forward(be models.Backend, x models.Value) (models.Value, error) {
	net, err := models.New(c.Network)
	if err != nil {
		return nil, err
	}
	m := transfer{net: net, upTo: c.UpTo, head: models.Linear{In: c.featureDim(net), Out: len(c.Classes)}}
	return m.forward(be, x)
}

// Tensors returns the classifier's state_dict, shared with it: callers only
// read it.
func (c *Classifier) Tensors() weights.StateDict { return c.state }
