package main

import (
	"fmt"
	"math/rand"

	"transferlab/engine/gpunet"
	"transferlab/engine/models"
)

// gpuStep builds what engine/train runs on a GPU for a whole network —
// forward (BatchNorm on batch statistics in train mode), cross-entropy,
// backward and SGD with momentum, all on the device; only the batch goes
// up and the loss and logits come down — or, in forward mode, an inference
// pass whose output comes down. The returned close releases the device.
func gpuStep(net *models.Network, st *models.State, mode string, shape []int, x []float32, rng *rand.Rand) (step func() error, info string, closeFn func(), err error) {
	choice, err := gpunet.Choose("gpu")
	if err != nil {
		return nil, "", nil, err
	}
	n, err := gpunet.NewNet(choice.Dev, st, func(be models.Backend, in models.Value) (models.Value, error) {
		return net.Lower(be, in, 0, len(net.Layers))
	})
	if err != nil {
		choice.Close()
		return nil, "", nil, err
	}
	closeFn = func() { n.Close(); choice.Close() }
	switch mode {
	case "forward":
		st.SetTraining(false)
		step = func() error { _, _, err := n.Infer(x, shape); return err }
	case "train":
		st.SetTraining(true)
		labels := make([]int, shape[0])
		for i := range labels {
			labels[i] = rng.Intn(1000)
		}
		learnable := func(name string) bool { p, ok := st.Param(name); return ok && p.Learnable() }
		groups := []gpunet.Group{{Match: learnable, Optimizer: gpunet.NewMomentum(1e-3, 0.9)}}
		step = func() error { _, err := n.TrainStep(x, shape, labels, groups); return err }
	default:
		closeFn()
		return nil, "", nil, fmt.Errorf("mode %q", mode)
	}
	return step, choice.Name, closeFn, nil
}
