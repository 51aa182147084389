// Package engine is everything in TransferLab that is not user interface:
// network architectures, weights, image preprocessing, training and the
// compute backends: the CPU (gorgonia with engine/kernels) and Vulkan GPUs
// (engine/vulkan, engine/gpu, engine/gpunet). It never imports fyne.io.
package engine
