package suggest

import (
	"transferlab/engine/backend"
	"transferlab/engine/features"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// NewBackbone is network's pretrained feature extractor (weights sd) at
// the whole backbone, with the ImageNet preparation: the features, and so
// the cache entries, that case 1 training and the advice use.
func NewBackbone(network string, sd weights.StateDict, be backend.Backend) (*features.Extractor, error) {
	net, err := models.New(network)
	if err != nil {
		return nil, err
	}
	st, err := models.NewState(net.Params(), sd, 0)
	if err != nil {
		return nil, err
	}
	return features.NewExtractor(net, st, net.FeatureLayers, imageprep.ImageNet(), be)
}
