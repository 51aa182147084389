package models

// alexnet is torchvision's AlexNet (the "one weird trick" variant).
func alexnet() *Network {
	layers := []Layer{
		{"features.0", Conv{In: 3, Out: 64, Kernel: 11, Stride: 4, Pad: 2, Bias: true}},
		{"features.1", ReLU{}},
		{"features.2", MaxPool{Kernel: 3, Stride: 2}},
		{"features.3", Conv{In: 64, Out: 192, Kernel: 5, Pad: 2, Bias: true}},
		{"features.4", ReLU{}},
		{"features.5", MaxPool{Kernel: 3, Stride: 2}},
		{"features.6", Conv{In: 192, Out: 384, Kernel: 3, Pad: 1, Bias: true}},
		{"features.7", ReLU{}},
		{"features.8", Conv{In: 384, Out: 256, Kernel: 3, Pad: 1, Bias: true}},
		{"features.9", ReLU{}},
		{"features.10", Conv{In: 256, Out: 256, Kernel: 3, Pad: 1, Bias: true}},
		{"features.11", ReLU{}},
		{"features.12", MaxPool{Kernel: 3, Stride: 2}},
		{"avgpool", AdaptiveAvgPool{6}},
		{"", Flatten{}},
	}
	cuts := []Cut{
		{Name: "features.5", After: 6, Channels: 192},
		{Name: "features.9", After: 10, Channels: 256},
	}
	layers = append(layers,
		Layer{"classifier.0", Dropout{0.5}},
		Layer{"classifier.1", Linear{In: 256 * 6 * 6, Out: 4096}},
		Layer{"classifier.2", ReLU{}},
		Layer{"classifier.3", Dropout{0.5}},
		Layer{"classifier.4", Linear{In: 4096, Out: 4096}},
		Layer{"classifier.5", ReLU{}},
		Layer{"classifier.6", Linear{In: 4096, Out: 1000}},
	)
	return &Network{
		Name: "alexnet", Layers: layers, Cuts: cuts, DefaultCut: "features.5",
		FeatureLayers: len(layers) - 1, FeatureDim: 4096, MinInput: 63,
	}
}
