package models

// fire is SqueezeNet's module: a 1x1 squeeze, then 1x1 and 3x3 expands whose
// outputs are concatenated along channels: (N, E1+E3, H, W).
type fire struct{ In, Squeeze, E1, E3 int }

func (f fire) parts() (squeeze, e1, e3 Conv) {
	return Conv{In: f.In, Out: f.Squeeze, Kernel: 1, Bias: true},
		Conv{In: f.Squeeze, Out: f.E1, Kernel: 1, Bias: true},
		Conv{In: f.Squeeze, Out: f.E3, Kernel: 3, Pad: 1, Bias: true}
}

func (f fire) Params(prefix string) []Param {
	s, e1, e3 := f.parts()
	ps := s.Params(join(prefix, "squeeze"))
	ps = append(ps, e1.Params(join(prefix, "expand1x1"))...)
	return append(ps, e3.Params(join(prefix, "expand3x3"))...)
}

// squeezenet11 is torchvision's squeezenet1_1. Its classifier is a 1x1
// convolution to the classes, ReLU and global average pooling.
func squeezenet11() *Network {
	pool := MaxPool{Kernel: 3, Stride: 2, Ceil: true}
	mods := []Module{
		Conv{In: 3, Out: 64, Kernel: 3, Stride: 2, Bias: true}, ReLU{}, pool,
		fire{64, 16, 64, 64}, fire{128, 16, 64, 64}, pool,
		fire{128, 32, 128, 128}, fire{256, 32, 128, 128}, pool,
		fire{256, 48, 192, 192}, fire{384, 48, 192, 192}, fire{384, 64, 256, 256}, fire{512, 64, 256, 256},
	}
	var layers []Layer
	for i, m := range mods {
		layers = append(layers, Layer{"features." + itoa(i), m})
	}
	layers = append(layers,
		Layer{"classifier.0", Dropout{0.5}},
		Layer{"classifier.1", Conv{In: 512, Out: 1000, Kernel: 1, Bias: true}},
		Layer{"classifier.2", ReLU{}},
		Layer{"classifier.3", AdaptiveAvgPool{1}},
		Layer{"", Flatten{}},
	)
	return &Network{
		Name: "squeezenet1_1", Layers: layers,
		Cuts:          []Cut{{Name: "features.5", After: 6, Channels: 128}, {Name: "features.8", After: 9, Channels: 256}},
		DefaultCut:    "features.8",
		FeatureLayers: len(mods), FeatureDim: 512, MinInput: 32,
	}
}
