package models

// resnetBlock is torchvision's BasicBlock (Bottleneck false: two 3x3 convs)
// or Bottleneck (1x1 reduce, 3x3 with the stride, 1x1 expand by 4). Width is
// the block's inner channel count; the output has Width*expansion channels.
type resnetBlock struct {
	In, Width, Stride int
	Bottleneck        bool
}

func (r resnetBlock) out() int {
	if r.Bottleneck {
		return r.Width * 4
	}
	return r.Width
}

// body is the residual branch, without its final ReLU.
func (r resnetBlock) body() Named {
	if !r.Bottleneck {
		return Named{
			{"conv1", Conv{In: r.In, Out: r.Width, Kernel: 3, Stride: r.Stride, Pad: 1}},
			{"bn1", BatchNorm{r.Width}},
			{"", ReLU{}},
			{"conv2", Conv{In: r.Width, Out: r.Width, Kernel: 3, Pad: 1}},
			{"bn2", BatchNorm{r.Width}},
		}
	}
	return Named{
		{"conv1", Conv{In: r.In, Out: r.Width, Kernel: 1}},
		{"bn1", BatchNorm{r.Width}},
		{"", ReLU{}},
		{"conv2", Conv{In: r.Width, Out: r.Width, Kernel: 3, Stride: r.Stride, Pad: 1}},
		{"bn2", BatchNorm{r.Width}},
		{"", ReLU{}},
		{"conv3", Conv{In: r.Width, Out: r.out(), Kernel: 1}},
		{"bn3", BatchNorm{r.out()}},
	}
}

// downsample projects the shortcut when the shape changes, else nil.
func (r resnetBlock) downsample() Module {
	if r.Stride == 1 && r.In == r.out() {
		return nil
	}
	return Seq{Conv{In: r.In, Out: r.out(), Kernel: 1, Stride: r.Stride}, BatchNorm{r.out()}}
}

func (r resnetBlock) Params(prefix string) []Param {
	ps := r.body().Params(prefix)
	if d := r.downsample(); d != nil {
		ps = append(ps, d.Params(join(prefix, "downsample"))...)
	}
	return ps
}

// resnet builds torchvision's ResNet from its table: blocks per stage
// (e.g. [2,2,2,2] for resnet18) and whether the blocks are bottlenecks.
func resnet(name string, blocks [4]int, bottleneck bool) *Network {
	layers := []Layer{
		{"conv1", Conv{In: 3, Out: 64, Kernel: 7, Stride: 2, Pad: 3}},
		{"bn1", BatchNorm{64}},
		{"relu", ReLU{}},
		{"maxpool", MaxPool{Kernel: 3, Stride: 2, Pad: 1}},
	}
	in := 64
	var cuts []Cut
	for stage, n := range blocks {
		width := 64 << stage
		var seq Seq
		for i := 0; i < n; i++ {
			stride := 1
			if i == 0 && stage > 0 {
				stride = 2
			}
			blk := resnetBlock{In: in, Width: width, Stride: stride, Bottleneck: bottleneck}
			seq = append(seq, blk)
			in = blk.out()
		}
		path := "layer" + itoa(stage+1)
		layers = append(layers, Layer{path, seq})
		cuts = append(cuts, Cut{Name: path, After: len(layers), Channels: in})
	}
	layers = append(layers,
		Layer{"avgpool", AdaptiveAvgPool{1}},
		Layer{"", Flatten{}},
		Layer{"fc", Linear{In: in, Out: 1000}},
	)
	return &Network{
		Name: name, Layers: layers, Cuts: cuts[:3], DefaultCut: "layer3",
		FeatureLayers: len(layers) - 1, FeatureDim: in, MinInput: 32,
	}
}
