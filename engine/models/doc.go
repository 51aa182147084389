// Package models describes torchvision's image classifiers (alexnet, vgg16,
// resnet18, resnet50, mobilenet_v2, squeezenet1_1) as tables of modules and
// builds them as gorgonia graphs.
//
// Every module knows the state_dict entries it owns, named exactly as
// torchvision names them, so a torchvision .pth file loads by name and the
// parameter counts equal torchvision's. Tensors are NCHW float32, as in PyTorch.
package models
