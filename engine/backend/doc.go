// Package backend is what training asks of a compute device: run a model
// (inference), and train one (forward, cross-entropy, backward and the
// optimiser's update). engine/cpunet implements it with gorgonia graphs on
// the CPU, engine/gpunet with Vulkan compute shaders; engine/train and
// engine/features depend on this interface only, never on Vulkan.
//
// A model is a forward function over models.Backend (so the architecture
// tables stay the one description of each network) and a models.State that
// holds its values on the host. Both backends compute the same numbers
// within float32 rounding.
package backend
