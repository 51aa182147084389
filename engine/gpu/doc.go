// Package gpu runs the operations of the six networks' training and
// inference on a Vulkan device: convolution (grouped and depthwise
// included), linear layers, pooling, batch norm, elementwise ops, the
// softmax cross-entropy loss and the Momentum and Adam updates. Each op has
// the same meaning as the engine/kernels function of the same name, which is
// its reference in the tests.
//
// Ops record compute dispatches and return new tensors; nothing runs until
// Sync or ToHost, so a whole training step is submitted at once. The
// shaders are GLSL in shaders/*.comp, compiled by `go generate` into
// shaders/spv/*.spv, which are committed and embedded: building needs no
// shader compiler.
package gpu
