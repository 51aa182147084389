package cpunet

import (
	G "gorgonia.org/gorgonia"

	"transferlab/engine/backend"
	"transferlab/engine/device"
	"transferlab/engine/models"
	"transferlab/engine/ops"
)

// CPU is the CPU as a backend.
type CPU struct{ note string }

var _ backend.Backend = (*CPU)(nil)

// New returns the CPU backend; note says why the CPU was chosen over a GPU
// that was asked for ("" when nothing needs saying).
func New(note string) *CPU { return &CPU{note: note} }

// Device names the CPU and the note.
func (c *CPU) Device() device.Info { return device.Info{Note: c.note} }

// Runner compiles forward into an inference graph (BatchNorm folded into
// the convolution before it) whose layers' results share memory.
func (c *CPU) Runner(st *models.State, input []int, forward backend.Forward) (backend.Runner, error) {
	return newInferGraph(st, input, onGraph(forward), new(ops.BufferPool))
}

// Close has nothing to release: every graph is closed by its owner.
func (c *CPU) Close() {}

// onGraph adapts a backend-neutral forward function to gorgonia's graph.
func onGraph(forward backend.Forward) func(b *models.Builder, x *G.Node) (*G.Node, error) {
	return func(b *models.Builder, x *G.Node) (*G.Node, error) {
		y, err := forward(b, b.Value(x))
		if err != nil {
			return nil, err
		}
		return models.Node(y), nil
	}
}
