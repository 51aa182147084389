package kernels

import (
	"math/rand"
	"testing"
)

// BenchmarkMicroKernel measures each available micro-kernel on one core with
// its panels in L1 (the kernel's peak inside a GEMM).
func BenchmarkMicroKernel(b *testing.B) {
	for _, f := range availableFamilies() {
		for _, k := range f {
			b.Run(k.name, func(b *testing.B) {
				rng := rand.New(rand.NewSource(1))
				ap, bp := randSlice(rng, k.kc*k.mr), randSlice(rng, k.kc*k.nr)
				c := make([]float32, k.mr*k.nr)
				for range b.N {
					k.fn(k.kc, ap, bp, c, k.nr, true)
				}
				b.ReportMetric(2*float64(k.mr*k.nr*k.kc*b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// benchLayer is a square convolution layer at batch 16, as the networks'
// benchmarks take them: ch×hw×hw in, oc out, k×k kernel, stride s, padding p.
func benchLayer(ch, hw, oc, k, s, p, groups int) ConvGeom {
	return ConvGeom{N: 16, C: ch, H: hw, W: hw, OutC: oc, KH: k, KW: k, StrideH: s, StrideW: s,
		PadH: p, PadW: p, DilationH: 1, DilationW: 1, Groups: groups}
}

// resnetLayers are ResNet-18's convolution shapes at batch 16.
func resnetLayers() map[string]ConvGeom {
	c := func(ch, hw, oc, k, s, p int) ConvGeom { return benchLayer(ch, hw, oc, k, s, p, 1) }
	return map[string]ConvGeom{
		"conv1_7x7s2":  c(3, 224, 64, 7, 2, 3),
		"layer1_3x3":   c(64, 56, 64, 3, 1, 1),
		"layer2_3x3":   c(128, 28, 128, 3, 1, 1),
		"layer3_3x3":   c(256, 14, 256, 3, 1, 1),
		"layer4_3x3":   c(512, 7, 512, 3, 1, 1),
		"layer4_ds1x1": c(256, 14, 512, 1, 2, 0),
		"layer2_s2":    c(64, 56, 128, 3, 2, 1),
		"layer3_s2":    c(128, 28, 256, 3, 2, 1),
	}
}

// BenchmarkConvResNet18 measures forward, backward-data and backward-weight
// convolutions of ResNet-18's layer shapes at batch 16 (GFLOP/s).
func BenchmarkConvResNet18(b *testing.B) { benchConvLayers(b, resnetLayers(), true) }

// squeezeNetLayers are SqueezeNet 1.1's layer shapes at batch 16 where the
// maps are large: the first convolution and the fire modules at 55 and 27.
func squeezeNetLayers() map[string]ConvGeom {
	c := func(ch, hw, oc, k, s, p int) ConvGeom { return benchLayer(ch, hw, oc, k, s, p, 1) }
	return map[string]ConvGeom{
		"conv1_224_3x64_s2":       c(3, 224, 64, 3, 2, 0),
		"fire2_squeeze_55_64x16":  c(64, 55, 16, 1, 1, 0),
		"fire2_expand1_55_16x64":  c(16, 55, 64, 1, 1, 0),
		"fire2_expand3_55_16x64":  c(16, 55, 64, 3, 1, 1),
		"fire4_squeeze_27_128x32": c(128, 27, 32, 1, 1, 0),
		"fire4_expand1_27_32x128": c(32, 27, 128, 1, 1, 0),
	}
}

// BenchmarkConvSqueezeNet reports each layer's three passes in GFLOP/s and
// GFLOP per CPU-second.
func BenchmarkConvSqueezeNet(b *testing.B) { benchConvLayers(b, squeezeNetLayers(), true) }

// benchConvLayers runs each layer's three passes and reports GFLOP per
// CPU-second (multiply-adds counted twice), the figure least disturbed by
// other processes on the machine, and wall-clock GFLOP/s when asked.
func benchConvLayers(b *testing.B, layers map[string]ConvGeom, wall bool) {
	for label, g := range layers {
		rng := rand.New(rand.NewSource(1))
		x, w, y := randSlice(rng, g.XSize()), randSlice(rng, g.WSize()), randSlice(rng, g.YSize())
		flops := 2 * float64(g.YSize()*g.InGroup()*g.KH*g.KW)
		for _, dir := range []string{"fwd", "bwdData", "bwdWeights"} {
			b.Run(label+"/"+dir, func(b *testing.B) {
				dx, dw := make([]float32, g.XSize()), make([]float32, g.WSize())
				cpu := cpuTime()
				for range b.N {
					switch dir {
					case "fwd":
						Conv2d(g, x, w, y)
					case "bwdData":
						Conv2dBackwardData(g, y, w, dx)
					default:
						Conv2dBackwardWeights(g, x, y, dw)
					}
				}
				if wall {
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				}
				b.ReportMetric(flops*float64(b.N)/(cpuTime()-cpu).Seconds()/1e9, "GFLOP/cpu-s")
			})
		}
	}
}

// BenchmarkMaxPoolResNet18 is ResNet-18's 3×3 stride-2 max pool at batch 16,
// with and without the argmax training needs.
func BenchmarkMaxPoolResNet18(b *testing.B) {
	g := PoolGeom{N: 16, C: 64, H: 112, W: 112, KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}
	rng := rand.New(rand.NewSource(1))
	x, y := randSlice(rng, g.XSize()), make([]float32, g.YSize())
	for _, withArgmax := range []bool{false, true} {
		b.Run(name("argmax=%v", withArgmax), func(b *testing.B) {
			var idx []int32
			if withArgmax {
				idx = make([]int32, g.YSize())
			}
			for range b.N {
				MaxPool2d(g, x, y, idx)
			}
		})
	}
}
