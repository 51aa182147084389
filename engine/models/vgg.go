package models

// vgg16 is torchvision's VGG table "D": output channels per 3x3 conv, 0 for a
// 2x2 max pool.
func vgg16() *Network {
	return vgg("vgg16", []int{64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0})
}

// vgg builds torchvision's VGG without batch norm from its table.
func vgg(name string, config []int) *Network {
	var layers []Layer
	var cuts []Cut
	in := 3
	for _, c := range config {
		path := "features." + itoa(len(layers))
		if c == 0 {
			layers = append(layers, Layer{path, MaxPool{Kernel: 2, Stride: 2}})
			cuts = append(cuts, Cut{Name: path, After: len(layers), Channels: in})
			continue
		}
		layers = append(layers,
			Layer{path, Conv{In: in, Out: c, Kernel: 3, Pad: 1, Bias: true}},
			Layer{"features." + itoa(len(layers)+1), ReLU{}},
		)
		in = c
	}
	layers = append(layers, Layer{"avgpool", AdaptiveAvgPool{7}}, Layer{"", Flatten{}})
	layers = append(layers,
		Layer{"classifier.0", Linear{In: 512 * 7 * 7, Out: 4096}},
		Layer{"classifier.1", ReLU{}},
		Layer{"classifier.2", Dropout{0.5}},
		Layer{"classifier.3", Linear{In: 4096, Out: 4096}},
		Layer{"classifier.4", ReLU{}},
		Layer{"classifier.5", Dropout{0.5}},
		Layer{"classifier.6", Linear{In: 4096, Out: 1000}},
	)
	return &Network{
		Name: name, Layers: layers, Cuts: cuts[1:4], DefaultCut: cuts[3].Name, // after the 128-, 256- and 512-channel blocks
		FeatureLayers: len(layers) - 1, FeatureDim: 4096, MinInput: 32,
	}
}
