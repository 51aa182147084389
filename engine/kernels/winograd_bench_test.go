package kernels

import (
	"math/rand"
	"testing"
)

// winoBenchLayers are the 3×3 stride-1 layers of ResNet-18 and the
// expand3x3 layers of SqueezeNet 1.1 at batch 16 (224×224 input).
func winoBenchLayers() map[string]ConvGeom {
	c := func(ch, hw, oc int) ConvGeom {
		return ConvGeom{N: 16, C: ch, H: hw, W: hw, OutC: oc, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
			PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1}
	}
	return map[string]ConvGeom{
		"resnet_layer1": c(64, 56, 64),
		"resnet_layer2": c(128, 28, 128),
		"resnet_layer3": c(256, 14, 256),
		"resnet_layer4": c(512, 7, 512),
		"squeeze_fire2": c(16, 55, 64),
		"squeeze_fire4": c(32, 27, 128),
		"squeeze_fire6": c(48, 13, 192),
		"squeeze_fire8": c(64, 13, 256),
	}
}

// BenchmarkConvWinograd compares the GEMM and Winograd paths of the
// forward, input-gradient and weight-gradient convolutions on
// winoBenchLayers. GFLOP/cpu-s counts the
// direct convolution's 2·9·C multiply-adds per output, so the two paths
// are directly comparable (Winograd does fewer real operations).
func BenchmarkConvWinograd(b *testing.B) {
	for label, g := range winoBenchLayers() {
		rng := rand.New(rand.NewSource(1))
		x, w, y := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
		dx, dw := make([]float32, g.XSize()), make([]float32, g.WSize())
		flops := 2 * float64(g.YSize()*g.C*9)
		for _, dir := range []string{"fwd", "bwdData", "bwdWeights"} {
			for _, path := range []string{"gemm", "winograd"} {
				b.Run(label+"/"+dir+"/"+path, func(b *testing.B) {
					old := useWinogradAVX512
					defer func() { useWinogradAVX512 = old }()
					if path == "gemm" {
						useWinogradAVX512 = false
					} else if !useWinogradAVX512 {
						b.Skip("no vector Winograd transforms on this CPU")
					}
					cpu := cpuTime()
					for range b.N {
						switch {
						case dir == "fwd" && path == "winograd":
							winogradForward(g, x, w, nil, y, true)
						case dir == "fwd":
							Conv2d(g, x, w, y)
						case dir == "bwdData" && path == "winograd":
							winogradBackwardDataForTest(g, y, w, dx, true)
						case dir == "bwdData":
							Conv2dBackwardData(g, y, w, dx)
						case path == "winograd":
							winogradBackwardWeights(g, x, y, dw, true)
						default:
							Conv2dBackwardWeights(g, x, y, dw)
						}
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
					b.ReportMetric(flops*float64(b.N)/(cpuTime()-cpu).Seconds()/1e9, "GFLOP/cpu-s")
				})
			}
		}
	}
}
