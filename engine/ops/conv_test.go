package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
)

func TestConv2dGradients(t *testing.T) {
	cases := map[string]struct {
		x, w []int
		o    ConvOpts
	}{
		"3x3_pad1":           {[]int{2, 3, 5, 6}, []int{4, 3, 3, 3}, ConvOpts{PadH: 1, PadW: 1}},
		"stride2_pad1":       {[]int{1, 2, 7, 6}, []int{3, 2, 3, 3}, ConvOpts{StrideH: 2, StrideW: 2, PadH: 1, PadW: 1}},
		"7x7_stride2_pad3":   {[]int{1, 3, 9, 9}, []int{2, 3, 7, 7}, ConvOpts{StrideH: 2, StrideW: 2, PadH: 3, PadW: 3}},
		"1x1":                {[]int{2, 4, 3, 3}, []int{5, 4, 1, 1}, ConvOpts{}},
		"depthwise":          {[]int{2, 4, 5, 5}, []int{4, 1, 3, 3}, ConvOpts{PadH: 1, PadW: 1, Groups: 4}},
		"depthwise_stride2":  {[]int{1, 3, 7, 6}, []int{3, 1, 3, 3}, ConvOpts{StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, Groups: 3}},
		"groups2_dilation2":  {[]int{1, 4, 7, 7}, []int{2, 2, 3, 3}, ConvOpts{PadH: 2, PadW: 2, DilationH: 2, DilationW: 2, Groups: 2}},
		"11x11_alexnet_like": {[]int{1, 3, 15, 15}, []int{2, 3, 11, 11}, ConvOpts{StrideH: 4, StrideW: 4, PadH: 2, PadW: 2}},
	}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			rng := rand.New(rand.NewSource(1))
			checkGradients(t, gradCase{
				params: []param{
					{"x", randTensor(rng, c.x...), true},
					{"w", randTensor(rng, c.w...), true},
					{"b", randTensor(rng, c.w[0]), true},
				},
				build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					y, err := Conv2d(in[0], in[1], c.o)
					if err != nil {
						return nil, err
					}
					return AddChannelBias(y, in[2])
				},
			})
		})
	}
}
