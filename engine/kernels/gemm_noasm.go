//go:build !amd64 || purego

package kernels

// asmFamilies: no assembly kernels on this architecture (or with the purego
// build tag); the portable Go kernel runs. On arm64 the Go compiler's scalar
// code is what runs; a NEON kernel can be added here behind the same contract.
func asmFamilies() []kernelFamily { return nil }

// dotKernelFor: no dot-product tile without assembly.
func dotKernelFor(kernelFamily) *dotKernel { return nil }
