package models

// convNormAct is torchvision's Conv2dNormActivation with ReLU6:
// ".0" conv without bias, ".1" batch norm.
func convNormAct(in, out, kernel, stride, groups int) Seq {
	return Seq{
		Conv{In: in, Out: out, Kernel: kernel, Stride: stride, Pad: (kernel - 1) / 2, Groups: groups},
		BatchNorm{out},
		ReLU{Six: true},
	}
}

// invertedResidual is MobileNetV2's block: 1x1 expansion by Expand (skipped
// when 1), 3x3 depthwise with the stride, 1x1 linear projection; the input is
// added back when the shape allows. Its state_dict names live under ".conv".
type invertedResidual struct{ In, Out, Stride, Expand int }

func (r invertedResidual) conv() Seq {
	hidden := r.In * r.Expand
	var s Seq
	if r.Expand != 1 {
		s = append(s, convNormAct(r.In, hidden, 1, 1, 1))
	}
	return append(s,
		convNormAct(hidden, hidden, 3, r.Stride, hidden),
		Conv{In: hidden, Out: r.Out, Kernel: 1},
		BatchNorm{r.Out},
	)
}

func (r invertedResidual) Params(prefix string) []Param {
	return r.conv().Params(join(prefix, "conv"))
}

// mobilenetV2 builds torchvision's MobileNetV2 from its (t, c, n, s) table:
// expansion, output channels, repeats, first stride.
func mobilenetV2() *Network {
	table := [][4]int{{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}}
	layers := []Layer{{"features.0", convNormAct(3, 32, 3, 2, 1)}}
	in := 32
	var cuts []Cut
	for _, row := range table {
		t, c, n, s := row[0], row[1], row[2], row[3]
		for i := 0; i < n; i++ {
			stride := 1
			if i == 0 {
				stride = s
			}
			layers = append(layers, Layer{"features." + itoa(len(layers)), invertedResidual{In: in, Out: c, Stride: stride, Expand: t}})
			in = c
		}
		cuts = append(cuts, Cut{Name: layers[len(layers)-1].Path, After: len(layers), Channels: in})
	}
	layers = append(layers,
		Layer{"features.18", convNormAct(320, 1280, 1, 1, 1)},
		Layer{"", AdaptiveAvgPool{1}},
		Layer{"", Flatten{}},
		Layer{"classifier.0", Dropout{0.2}},
		Layer{"classifier.1", Linear{In: 1280, Out: 1000}},
	)
	// Cut after the 24-, 32- and 96-channel stages (strides 4, 8, 16).
	return &Network{
		Name: "mobilenet_v2", Layers: layers, Cuts: []Cut{cuts[1], cuts[2], cuts[4]}, DefaultCut: cuts[4].Name,
		FeatureLayers: len(layers) - 2, FeatureDim: 1280, MinInput: 32,
	}
}
