package suggest

import (
	"path/filepath"

	"transferlab/engine/backend"
	"transferlab/engine/device"
	"transferlab/engine/features"
	"transferlab/engine/gpunet"
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

// UsePretrained sets the job's Backbone to network's pretrained features
// (weights sd) on the device "automatic" picks, and its Cache to the
// features folder of cacheDir (the user cache folder: training and the
// advice keep theirs there, under the same keys). The returned function
// releases the device.
func (j *Job) UsePretrained(network string, sd weights.StateDict, cacheDir string) (release func(), err error) {
	be, err := gpunet.Choose(device.Auto)
	if err != nil {
		return nil, err
	}
	if j.Backbone, err = NewBackbone(network, sd, be); err != nil {
		be.Close()
		return nil, err
	}
	j.Cache = features.NewCache(filepath.Join(cacheDir, "features"))
	return func() { be.Close() }, nil
}
