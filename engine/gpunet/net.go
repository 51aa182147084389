package gpunet

import (
	"fmt"

	"transferlab/engine/backend"
	"transferlab/engine/gpu"
	"transferlab/engine/models"
)

// Net is a network whose State lives on a device.
type Net struct {
	dev     *gpu.Device
	params  *Params
	forward backend.Forward
}

// NewNet uploads st and keeps forward for every pass.
func NewNet(dev *gpu.Device, st *models.State, forward backend.Forward) (*Net, error) {
	p, err := NewParams(dev, st)
	if err != nil {
		return nil, err
	}
	return &Net{dev: dev, params: p, forward: forward}, nil
}

// Params returns the device copy of the State.
func (n *Net) Params() *Params { return n.params }

// Close releases the device tensors.
func (n *Net) Close() { n.params.Free() }

// Infer runs one forward pass without gradients (the State decides the
// BatchNorm and dropout modes; callers set SetTraining(false)) and returns
// the output and its shape. x is (shape...) in NCHW order.
func (n *Net) Infer(x []float32, shape []int) ([]float32, []int, error) {
	tp := newTape(n.dev, false)
	defer tp.release()
	out, err := n.run(tp, nil, x, shape)
	if err != nil {
		return nil, nil, err
	}
	y, err := n.dev.ToHost(out.t)
	if err != nil {
		return nil, nil, fmt.Errorf("gpunet: %w", err)
	}
	return y, out.Shape(), nil
}

// run uploads x and lowers the forward function onto the tape.
func (n *Net) run(tp *tape, trainable func(string) bool, x []float32, shape []int) (*node, error) {
	in, err := n.dev.FromHost(x, shape...)
	if err != nil {
		return nil, fmt.Errorf("gpunet: input %v: %w", shape, err)
	}
	if trainable == nil {
		trainable = func(string) bool { return false }
	}
	p := &pass{tape: tp, params: n.params, trainable: trainable}
	out, err := n.forward(p, tp.value(in))
	if err != nil {
		return nil, err
	}
	return out.(*node), nil
}
