// Package engine is everything in TransferLab that is not user interface:
// network architectures, weights, image preprocessing, training and the
// compute backends behind engine/backend: the CPU (engine/cpunet: gorgonia
// with engine/kernels) and Vulkan GPUs (engine/gpunet over engine/gpu and
// engine/vulkan). It never imports fyne.io.
package engine
