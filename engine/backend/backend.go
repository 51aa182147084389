package backend

import (
	"transferlab/engine/device"
	"transferlab/engine/models"
)

// Forward builds a model's computation on any models.Backend:
// x (N, 3, H, W) or (N, D) -> output.
type Forward func(be models.Backend, x models.Value) (models.Value, error)

// Backend compiles models for one device.
type Backend interface {
	// Device names the device for the user (and why not a GPU, if one was
	// wanted).
	Device() device.Info
	// Runner runs forward in evaluation mode on inputs of one shape; it
	// puts st in evaluation mode.
	Runner(st *models.State, input []int, forward Forward) (Runner, error)
	// Trainer trains the parameters of st that a group matches, each with
	// its group's optimiser; the others stay fixed.
	Trainer(st *models.State, forward Forward, groups []Group) (Trainer, error)
	// Close releases the device.
	Close()
}

// Runner computes a model's output for batches of one shape.
type Runner interface {
	Run(x []float32) ([]float32, error)
	// OutputShape is the shape of what Run returns (known after the first
	// Run on a GPU).
	OutputShape() []int
	Close()
}

// Trainer is a model being trained on a device. The State's training
// switches (SetTraining, FreezeNorms) decide BatchNorm and dropout modes on
// every backend; callers set them before each call.
type Trainer interface {
	// Step runs one training step on x (of shape; N = len(labels)): the
	// forward pass, the mean softmax cross-entropy against labels, the
	// backward pass and every group's update. It returns the mean loss and
	// the logits (N, K).
	Step(x []float32, shape []int, labels []int) (loss float64, logits []float32, err error)
	// Infer runs the forward pass without gradients: (N, K) logits.
	Infer(x []float32, shape []int) ([]float32, error)
	// Pull brings the host State up to date with the device's values (a
	// no-op where they are the same memory).
	Pull() error
	// Push copies the host State to the device, after State.Load.
	Push() error
	Close()
}
