package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// distinctTensor holds a random permutation of values spaced 0.05 apart, so
// a finite-difference step of 0.01 never changes which element wins a max
// window (ties would make the max non-differentiable).
func distinctTensor(rng *rand.Rand, shape ...int) *tensor.Dense {
	n := tensor.Shape(shape).TotalSize()
	v := make([]float32, n)
	for i, p := range rng.Perm(n) {
		v[i] = float32(p)*0.05 - float32(n)*0.025
	}
	return newDense(shape, v)
}

func TestPoolGradients(t *testing.T) {
	cases := map[string]struct {
		x    []int
		pool func(*gorgonia.Node) (*gorgonia.Node, error)
	}{
		"max_3x3_s2_ceil": {[]int{2, 2, 7, 8}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return MaxPool2d(x, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true})
		}},
		"max_3x3_s2_pad1": {[]int{1, 3, 6, 5}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return MaxPool2d(x, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1})
		}},
		"max_2x2_default_stride": {[]int{2, 1, 4, 6}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return MaxPool2d(x, PoolOpts{KernelH: 2, KernelW: 2})
		}},
		"avg_3x2_pad1_ceil": {[]int{2, 2, 5, 7}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return AvgPool2d(x, PoolOpts{KernelH: 3, KernelW: 2, StrideH: 2, StrideW: 3, PadH: 1, PadW: 1, CeilMode: true})
		}},
		"adaptive_6x6_from_13": {[]int{1, 2, 13, 13}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return AdaptiveAvgPool2d(x, 6, 6)
		}},
		"adaptive_global": {[]int{3, 2, 5, 4}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return AdaptiveAvgPool2d(x, 1, 1)
		}},
		"adaptive_upsample": {[]int{1, 1, 3, 2}, func(x *gorgonia.Node) (*gorgonia.Node, error) {
			return AdaptiveAvgPool2d(x, 4, 3)
		}},
	}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			rng := rand.New(rand.NewSource(4))
			checkGradients(t, gradCase{
				params: []param{{"x", distinctTensor(rng, c.x...), true}},
				build:  func(in []*gorgonia.Node) (*gorgonia.Node, error) { return c.pool(in[0]) },
			})
		})
	}
}

// Values from PyTorch 1.13 for x = torch.arange(1, 36.).reshape(1,1,5,7):
// F.max_pool2d(x, 2, 2, 1, ceil_mode=True) and F.avg_pool2d(x, 2, 2, 1,
// ceil_mode=True); F.adaptive_avg_pool2d(x, (2, 3)).
func TestPoolForwardMatchesTorch(t *testing.T) {
	x := make([]float32, 35)
	for i := range x {
		x[i] = float32(i + 1)
	}
	o := PoolOpts{KernelH: 2, KernelW: 2, PadH: 1, PadW: 1, CeilMode: true}
	cases := []struct {
		pool  func(*gorgonia.Node) (*gorgonia.Node, error)
		shape tensor.Shape
		want  []float32
	}{
		{func(n *gorgonia.Node) (*gorgonia.Node, error) { return MaxPool2d(n, o) }, tensor.Shape{1, 1, 3, 4},
			[]float32{1, 3, 5, 7, 15, 17, 19, 21, 29, 31, 33, 35}},
		{func(n *gorgonia.Node) (*gorgonia.Node, error) { return AvgPool2d(n, o) }, tensor.Shape{1, 1, 3, 4},
			[]float32{0.25, 1.25, 2.25, 3.25, 5.75, 13, 15, 17, 12.75, 27, 29, 31}},
		{func(n *gorgonia.Node) (*gorgonia.Node, error) { return AdaptiveAvgPool2d(n, 2, 3) }, tensor.Shape{1, 1, 2, 3},
			[]float32{9, 11, 13, 23, 25, 27}},
	}
	for i, c := range cases {
		g := gorgonia.NewGraph()
		y, err := c.pool(constNode(g, "x", tensor.Shape{1, 1, 5, 7}, x...))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		assertValues(t, g, y, c.shape, c.want, 1e-6)
	}
}

func TestPoolRejectsBadOptions(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{1, 1, 3, 3}, make([]float32, 9)...)
	if _, err := MaxPool2d(x, PoolOpts{KernelH: 2, KernelW: 2, PadH: 2}); err == nil {
		t.Error("MaxPool2d accepted padding larger than half the kernel")
	}
	if _, err := AvgPool2d(x, PoolOpts{KernelH: 4, KernelW: 2}); err == nil {
		t.Error("AvgPool2d accepted a kernel larger than the input")
	}
	if _, err := AdaptiveAvgPool2d(x, 0, 1); err == nil {
		t.Error("AdaptiveAvgPool2d accepted output size 0")
	}
	v := constNode(g, "v", tensor.Shape{9}, make([]float32, 9)...)
	if _, err := MaxPool2d(v, PoolOpts{KernelH: 1, KernelW: 1}); err == nil {
		t.Error("MaxPool2d accepted a 1-D input")
	}
}
