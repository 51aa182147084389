// Package gpunet runs the networks of engine/models on a Vulkan GPU
// (engine/gpu): it keeps a State's tensors on the device, lowers the same
// architecture tables into GPU ops, records each op's backward step on a
// tape, and applies the optimiser there, so a whole training step runs on
// the device and only the batch goes up and the loss and logits come down.
//
// It computes what engine/cpunet's gorgonia graphs compute on the CPU (same
// BatchNorm modes, dropout masks from the same seeded source, same optimiser
// rules), within float32 rounding. Device is a GPU as an engine/backend, and
// Choose opens the backend a device.Choice asks for: this package or, when
// there is no GPU to use, engine/cpunet.
package gpunet
