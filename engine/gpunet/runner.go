package gpunet

import "fmt"

// Runner runs a Net's forward pass on batches of one input shape (a
// backend.Runner, as models.Runner is on the CPU).
type Runner struct {
	net    *Net
	input  []int
	output []int
}

// NewRunner runs net on inputs of the given shape; the Runner owns net.
func NewRunner(net *Net, input []int) *Runner {
	return &Runner{net: net, input: append([]int(nil), input...)}
}

// Run computes the output for one batch.
func (r *Runner) Run(x []float32) ([]float32, error) {
	want := 1
	for _, d := range r.input {
		want *= d
	}
	if len(x) != want {
		return nil, fmt.Errorf("gpunet: input has %d values, the runner expects %v", len(x), r.input)
	}
	y, shape, err := r.net.Infer(x, r.input)
	if err != nil {
		return nil, err
	}
	r.output = shape
	return y, nil
}

// OutputShape is the shape of the last output (known after the first Run).
func (r *Runner) OutputShape() []int { return r.output }

// Close releases the network's device tensors.
func (r *Runner) Close() { r.net.Close() }
