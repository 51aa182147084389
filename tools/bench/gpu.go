package main

import (
	"errors"
	"fmt"
	"math/rand"
	"os"

	"transferlab/engine/device"
	"transferlab/engine/gpu"
	"transferlab/engine/gpunet"
	"transferlab/engine/models"
)

// gpuStep builds what engine/train runs on a GPU for a whole network —
// forward (BatchNorm on batch statistics in train mode), cross-entropy,
// backward and SGD with momentum, all on the device; only the batch goes
// up and the loss and logits come down — or, in forward mode, an inference
// pass whose output comes down. The returned close releases the device.
//
// gemm names the GEMM layout ("" for the default); profile, when set, has
// one more step run with every dispatch timed (gpu.Profile) and the table
// written there.
func gpuStep(net *models.Network, st *models.State, mode string, shape []int, x []float32, rng *rand.Rand, gemm, profile string) (step func() error, info string, closeFn func(), err error) {
	dev, err := gpu.Open(-1)
	if err != nil {
		return nil, "", nil, err
	}
	name := device.Info{GPU: dev.Info().Name}.String()
	if gemm != "" {
		if err := dev.SetGemmLayout(gemm); err != nil {
			dev.Close()
			return nil, "", nil, err
		}
		name += ", GEMM " + gemm
	}
	n, err := gpunet.NewNet(dev, st, func(be models.Backend, in models.Value) (models.Value, error) {
		return net.Lower(be, in, 0, len(net.Layers))
	})
	if err != nil {
		dev.Close()
		return nil, "", nil, err
	}
	closeFn = func() { n.Close(); dev.Close() }
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
	if profile != "" {
		timed := step
		closeFn = func() { writeProfile(dev, timed, profile); n.Close(); dev.Close() }
	}
	return step, name, closeFn, nil
}

// writeProfile runs one more step with every dispatch timed and writes
// where its time went to path (errors go to the file too: the benchmark's
// figures stand without it).
func writeProfile(dev *gpu.Device, step func() error, path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: profile:", err)
		return
	}
	defer f.Close()
	p, err := dev.StartProfile()
	if err == nil {
		err = errors.Join(step(), dev.StopProfile())
	}
	if err != nil {
		fmt.Fprintln(f, "profile:", err)
		return
	}
	p.Write(f, 60)
}

// gpuOptions are the worker's GPU-only settings.
type gpuOptions struct {
	gemm    string // GEMM layout, "" for the device's default
	profile string // file for a per-dispatch profile of one step, "" for none
}
