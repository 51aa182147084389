package ops

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// torchCase is one record of testdata/torch_ops.json, written by
// testdata/torch_ops.py with PyTorch 1.13.
type torchCase struct {
	Name   string `json:"name"`
	Inputs []struct {
		Name  string  `json:"name"`
		Shape []int   `json:"shape"`
		Seed  float64 `json:"seed"`
		Scale float64 `json:"scale"`
	} `json:"inputs"`
	OutShape []int                `json:"out_shape"`
	Out      []float32            `json:"out"`
	Grads    map[string][]float32 `json:"grads"`

	Stride, Pad, Dilation, Groups int
	Labels                        []float32 `json:"labels"`
	Training                      bool      `json:"training"`
	RunningMeanBefore             []float32 `json:"running_mean_before"`
	RunningVarBefore              []float32 `json:"running_var_before"`
	RunningMean                   []float32 `json:"running_mean"`
	RunningVar                    []float32 `json:"running_var"`
}

// fill is the generator's formula: float32(scale·sin(0.7·i + seed)).
func fill(shape []int, seed, scale float64) *tensor.Dense {
	v := make([]float32, tensor.Shape(shape).TotalSize())
	for i := range v {
		v[i] = float32(scale * math.Sin(0.7*float64(i)+seed))
	}
	return newDense(shape, v)
}

func loadTorchCases(t *testing.T) []torchCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/torch_ops.json")
	if err != nil {
		t.Fatalf("reading the PyTorch reference: %v", err)
	}
	var file struct{ Cases []torchCase }
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("testdata/torch_ops.json: %v", err)
	}
	if len(file.Cases) < 15 {
		t.Fatalf("testdata/torch_ops.json has %d cases, want 15", len(file.Cases))
	}
	return file.Cases
}

// builder returns the graph for a case; bn is set for batch-norm cases so the
// test can check the running statistics afterwards.
func (c torchCase) builder(t *testing.T, bn *BatchNormState) func(in []*gorgonia.Node) (*gorgonia.Node, error) {
	conv := ConvOpts{StrideH: c.Stride, StrideW: c.Stride, PadH: c.Pad, PadW: c.Pad,
		DilationH: c.Dilation, DilationW: c.Dilation, Groups: c.Groups}
	switch c.Name {
	case "conv_3x3_s2_p1_bias", "conv_depthwise_s2", "conv_grouped_dilated", "conv_1x1":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			y, err := Conv2d(in[0], in[1], conv)
			if err != nil {
				return nil, err
			}
			return AddChannelBias(y, in[2])
		}
	case "maxpool_3x3_s2_ceil":
		return pool1(MaxPool2d, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true})
	case "maxpool_3x3_s2_p1":
		return pool1(MaxPool2d, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1})
	case "avgpool_3x2_s23_p1_ceil":
		return pool1(AvgPool2d, PoolOpts{KernelH: 3, KernelW: 2, StrideH: 2, StrideW: 3, PadH: 1, PadW: 1, CeilMode: true})
	case "adaptive_6x6":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return AdaptiveAvgPool2d(in[0], 6, 6) }
	case "adaptive_1x1":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return AdaptiveAvgPool2d(in[0], 1, 1) }
	case "batchnorm_train", "batchnorm_eval":
		*bn = BatchNormState{Mean: append([]float32(nil), c.RunningMeanBefore...),
			Var: append([]float32(nil), c.RunningVarBefore...), Eps: 1e-5, Momentum: 0.1, Training: c.Training}
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return BatchNorm2d(in[0], in[1], in[2], bn) }
	case "relu":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return ReLU(in[0]) }
	case "relu6":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return ReLU6(in[0]) }
	case "linear":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return Linear(in[0], in[1], in[2]) }
	case "cross_entropy":
		return func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			labels := constNode(in[0].Graph(), "labels", tensor.Shape{len(c.Labels)}, c.Labels...)
			return SoftmaxCrossEntropy(in[0], labels)
		}
	}
	t.Fatalf("unknown PyTorch case %q", c.Name)
	return nil
}

func pool1(f func(*gorgonia.Node, PoolOpts) (*gorgonia.Node, error), o PoolOpts) func([]*gorgonia.Node) (*gorgonia.Node, error) {
	return func(in []*gorgonia.Node) (*gorgonia.Node, error) { return f(in[0], o) }
}

// TestMatchesPyTorch runs every op forward and backward on the generator's
// inputs and compares outputs, gradients (of Σ out·R with the generator's R)
// and batch-norm running statistics with PyTorch's.
func TestMatchesPyTorch(t *testing.T) {
	for _, c := range loadTorchCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			var bn BatchNormState
			build := c.builder(t, &bn)
			g := gorgonia.NewGraph()
			var in, wrt []*gorgonia.Node
			for _, p := range c.Inputs {
				v := fill(p.Shape, p.Seed, p.Scale)
				n := gorgonia.NewTensor(g, tensor.Float32, len(p.Shape), gorgonia.WithShape(p.Shape...),
					gorgonia.WithName(p.Name), gorgonia.WithValue(v))
				in = append(in, n)
				wrt = append(wrt, n)
			}
			out, err := build(in)
			if err != nil {
				t.Fatal(err)
			}
			cost := out
			if !out.IsScalar() {
				r := make([]float32, out.Shape().TotalSize())
				for i := range r {
					r[i] = float32(math.Cos(0.3 * float64(i)))
				}
				rn := constNode(g, "R", out.Shape(), r...)
				if cost, err = gorgonia.HadamardProd(out, rn); err == nil {
					cost, err = gorgonia.Sum(cost)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			grads, err := gorgonia.Grad(cost, wrt...)
			if err != nil {
				t.Fatal(err)
			}
			vals := runAndRead(t, g, append(gorgonia.Nodes{out}, grads...)...)
			checkTorchValue(t, "output", vals[0], c.OutShape, c.Out)
			for i, p := range c.Inputs {
				checkTorchValue(t, "gradient of "+p.Name, vals[i+1], p.Shape, c.Grads[p.Name])
			}
			if c.RunningMean != nil {
				assertClose(t, "running mean", bn.Mean, c.RunningMean, 1e-6)
				assertClose(t, "running var", bn.Var, c.RunningVar, 1e-6)
			}
		})
	}
}

// checkTorchValue compares a value with PyTorch's within 1e-5 (relative to
// max(1, |want|)), the precision float32 sums of a few hundred terms keep.
func checkTorchValue(t *testing.T, what string, v gorgonia.Value, shape []int, want []float32) {
	t.Helper()
	if len(shape) == 0 {
		got, err := scalarData("test", what, v)
		if err != nil {
			t.Fatal(err)
		}
		assertClose(t, what, []float32{got}, want, 1e-5)
		return
	}
	got, s, err := float32Data("test", what, v)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Eq(tensor.Shape(shape)) {
		t.Fatalf("%s: shape %v, PyTorch %v", what, s, shape)
	}
	assertClose(t, what, got, want, 1e-5)
}
