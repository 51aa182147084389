// Package cpunet runs the networks of engine/models on the CPU: each model
// becomes a gorgonia graph over the State's own tensors (so the host State
// is always up to date), with engine/ops' kernels and gorgonia's solvers. It
// implements engine/backend beside engine/gpunet, which computes the same
// steps on a Vulkan GPU.
package cpunet
