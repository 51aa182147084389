// Package ops provides TransferLab's neural-network layers as gorgonia ops:
// convolution (strided, padded, dilated, grouped and depthwise), channel bias,
// linear layers, max/average/adaptive-average pooling, ReLU and ReLU6, batch
// normalisation, dropout and softmax cross-entropy, all float32 NCHW with
// PyTorch's semantics. The numerics live in package kernels; this package
// adds shape checking, gorgonia's Op interface and symbolic differentiation.
//
// Every op implements gorgonia.SDOp, so gorgonia.Grad and
// gorgonia.Backpropagate work through it and a TapeMachine runs the forward
// and backward graph. Each backward pass is itself an op built in SymDiff;
// backward ops are pure functions of their inputs (max pooling recomputes its
// argmax, batch norm its batch statistics) except dropout's, which must reuse
// the mask its forward op drew in the same run.
//
// These replace gorgonia's own Conv2d, MaxPool2D, AvgPool2D,
// GlobalAveragePool2D, BatchNorm and Dropout, which are wrong or missing for
// torchvision's networks (see DESIGN.md §3).
//
// Two ops are stateful by design. BatchNorm2d reads its BatchNormState at
// every run, so one graph switches between training and evaluation, and in
// training mode it updates the running statistics in place. Dropout draws a
// new mask from its DropoutState's random source at every training-mode run.
// Ops return freshly allocated tensors and never write into their inputs.
package ops
