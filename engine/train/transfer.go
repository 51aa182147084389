package train

import (
	"transferlab/engine/backend"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// headPath is the state_dict prefix of the new classifier in every case.
const headPath = "head"

// transfer is every case's model: Layers[:upTo] of a pretrained network,
// average-pooled to (N, C) when they end in feature maps, then a new linear
// classifier: x (N, 3, S, S) -> logits (N, K). It is the one place that
// knows which state_dict entries the model has.
type transfer struct {
	net  *models.Network
	upTo int
	head models.Linear
}

// backboneParams are the entries of Layers[:upTo].
func (m transfer) backboneParams() []models.Param {
	var ps []models.Param
	for _, l := range m.net.Layers[:m.upTo] {
		ps = append(ps, l.Module.Params(l.Path)...)
	}
	return ps
}

// params are the backbone's entries, then the head's.
func (m transfer) params() []models.Param {
	return append(m.backboneParams(), m.head.Params(headPath)...)
}

// state is the whole model with sd's values (sd may hold more entries, e.g.
// the ImageNet classifier, which the model does not use).
func (m transfer) state(sd weights.StateDict, seed int64) (*models.State, error) {
	return newStateFrom(m.params(), sd, seed)
}

// backboneState is the backbone alone, for the frozen cases.
func (m transfer) backboneState(sd weights.StateDict) (*models.State, error) {
	return newStateFrom(m.backboneParams(), sd, 0)
}

// newStateFrom takes from sd the entries params name.
func newStateFrom(params []models.Param, sd weights.StateDict, seed int64) (*models.State, error) {
	return models.NewState(params, pick(sd, params), seed)
}

// pick returns the entries of sd that params name (a new map; the tensors
// are shared).
func pick(sd weights.StateDict, params []models.Param) weights.StateDict {
	out := weights.StateDict{}
	for _, p := range params {
		if t, ok := sd[p.Name]; ok {
			out[p.Name] = t
		}
	}
	return out
}

// forward is the whole model on any backend.
func (m transfer) forward(be models.Backend, x models.Value) (models.Value, error) {
	y, err := m.pooled(be, x)
	if err != nil {
		return nil, err
	}
	return m.head.Lower(be, headPath, y)
}

// pooled is the head's input: the backbone's output average-pooled to
// (N, C) when it ends in feature maps (N, C, h, w).
func (m transfer) pooled(be models.Backend, x models.Value) (models.Value, error) {
	y, err := m.backbone(be, x)
	if err != nil || len(y.Shape()) != 4 {
		return y, err
	}
	if y, err = (models.AdaptiveAvgPool{Size: 1}).Lower(be, "", y); err != nil {
		return nil, err
	}
	return (models.Flatten{}).Lower(be, "", y)
}

// backbone is Layers[:upTo] alone: x (N, 3, S, S) -> features (N, C, h, w)
// or (N, C).
func (m transfer) backbone(be models.Backend, x models.Value) (models.Value, error) {
	return m.net.Lower(be, x, 0, m.upTo)
}

// headForward is the classifier alone, on features: (N, D) -> (N, K).
func headForward(head models.Linear) backend.Forward {
	return func(be models.Backend, x models.Value) (models.Value, error) {
		return head.Lower(be, headPath, x)
	}
}
