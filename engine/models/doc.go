// Package models describes torchvision's image classifiers (alexnet, vgg16,
// resnet18, resnet50, mobilenet_v2, squeezenet1_1) as tables of modules and
// lowers them onto any compute backend. The tables are the one description
// of each network: every module lowers itself into the few primitives of the
// Backend interface (convolution, batch norm, linear, pooling, …), so the
// CPU and the GPU build the same architecture from the same table. Builder
// is the CPU backend (a gorgonia graph of engine/ops, which Runner
// evaluates); engine/gpunet is the GPU backend (Vulkan compute shaders).
//
// Every module knows the state_dict entries it owns, named exactly as
// torchvision names them, so a torchvision .pth file loads by name and the
// parameter counts equal torchvision's. Tensors are NCHW float32, as in PyTorch.
package models
