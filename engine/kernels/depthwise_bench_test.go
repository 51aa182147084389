package kernels

import "testing"

// mobileNetLayers are MobileNetV2's layer shapes at batch 16: the 1×1
// expansions and projections on every map size and the depthwise 3×3
// layers with stride 1 and 2.
func mobileNetLayers() map[string]ConvGeom {
	c := benchLayer
	return map[string]ConvGeom{
		"expand_56_24x144":   c(24, 56, 144, 1, 1, 0, 1),
		"project_56_144x24":  c(144, 56, 24, 1, 1, 0, 1),
		"expand_28_32x192":   c(32, 28, 192, 1, 1, 0, 1),
		"project_14_384x64":  c(384, 14, 64, 1, 1, 0, 1),
		"expand_7_160x960":   c(160, 7, 960, 1, 1, 0, 1),
		"dw_112_s1_32":       c(32, 112, 32, 3, 1, 1, 32),
		"dw_56_s1_144":       c(144, 56, 144, 3, 1, 1, 144),
		"dw_56_s2_144":       c(144, 56, 144, 3, 2, 1, 144),
		"dw_14_s1_384":       c(384, 14, 384, 3, 1, 1, 384),
		"dw_14_s2_576":       c(576, 14, 576, 3, 2, 1, 576),
		"dw_7_s1_960":        c(960, 7, 960, 3, 1, 1, 960),
		"dw_112_s2_96_first": c(96, 112, 96, 3, 2, 1, 96),
	}
}

// BenchmarkConvMobileNetV2 reports each layer's three passes in GFLOP per
// CPU-second.
func BenchmarkConvMobileNetV2(b *testing.B) { benchConvLayers(b, mobileNetLayers(), false) }
