// Package ops provides TransferLab's neural-network layers as gorgonia ops:
// convolution (strided, padded, dilated, grouped and depthwise), channel bias,
// linear layers, max/average/adaptive-average pooling, ReLU and ReLU6, batch
// normalisation, dropout and softmax cross-entropy, all float32 NCHW with
// PyTorch's semantics. The numerics live in package kernels; this package
// adds shape checking, gorgonia's Op interface and symbolic differentiation.
//
// Every op implements gorgonia.SDOp, so gorgonia.Grad and
// gorgonia.Backpropagate work through it and a TapeMachine runs the forward
// and backward graph. Each backward pass is itself an op built in SymDiff.
// Backward ops compute from their inputs, except that they reuse what their
// forward op computed earlier in the same run: dropout's mask (required),
// and, to save passes over memory, max pooling's argmax and batch norm's
// batch statistics and channel sums (the three batch-norm gradient ops share
// one reduction per run).
//
// Fused ops keep memory traffic down: ConvFused (convolution, bias and
// ReLU/ReLU6 in one op, with gradients), ConvBatchNorm (a convolution with
// an evaluation-mode batch norm folded into it, for inference graphs),
// AddAct (residual addition and activation) and ConcatChannels. ConvOpts'
// NoInputGrad skips the input gradient of a layer that reads the images.
//
// These replace gorgonia's own ops, which are wrong or missing for
// torchvision's networks (measured on gorgonia v0.9.18): AvgPool2D divides
// by the input width instead of the kernel area; GlobalAveragePool2D has no
// gradient; Dropout's backward divides by p instead of 1−p; BatchNorm wipes
// loaded running statistics unless the machine is in evaluation mode,
// starts the running variance at 0 and has a wrong gradient in evaluation
// mode; MaxPool2D with 4-element padding swaps the sides; Conv2d has no
// grouped or depthwise form (MobileNetV2) and there is no ReLU6.
//
// Two ops are stateful by design. BatchNorm2d reads its BatchNormState at
// every run, so one graph switches between training and evaluation, and in
// training mode it updates the running statistics in place. Dropout draws a
// new mask from its DropoutState's random source at every training-mode run.
//
// Ops never write into their inputs. Each op node writes its result into a
// buffer it keeps between runs (see outBuf), so a compiled graph allocates
// nothing in steady state; read results out (G.Read copies) before the next
// run overwrites them. ShareBuffers lets the ops of a compiled graph share
// those buffers, each result holding one only until its last reader ran, so
// a training step keeps about one buffer per forward activation, not one
// per op and gradient.
package ops
