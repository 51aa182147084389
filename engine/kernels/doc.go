// Package kernels holds the plain-Go float32 numerics behind TransferLab's
// neural-network ops: matrix multiplication, 2-D convolution (with groups and
// a direct depthwise path), max/average/adaptive-average pooling, batch
// normalisation and softmax cross-entropy, each with its backward pass.
//
// Everything is a pure function over []float32 with explicit shapes, laid out
// NCHW and row-major exactly like PyTorch, so results can be compared with
// torchvision element by element. Where PyTorch has a rule that is easy to get
// wrong (ceil-mode pooling windows, the average-pool divisor, adaptive-pool
// bins, biased versus unbiased batch variance, ties in max pooling) the
// function documents and follows PyTorch's rule.
//
// Functions panic when a slice is shorter than its shape says: shapes are
// checked once, with a proper error, by the caller (package ops), and a
// mismatch here is a programming error. Geometry types (ConvGeom, PoolGeom)
// have a Validate method returning descriptive errors for the caller to use.
//
// Large loops run on GOMAXPROCS goroutines (runtime.NumCPU unless limited).
// Results do not depend on the number of goroutines: every output element is
// written by exactly one goroutine, with a fixed summation order.
package kernels
