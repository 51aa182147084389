package onnx

import (
	"fmt"

	"transferlab/engine/models"
)

// bnEps is torch.nn.BatchNorm2d's eps, which models.BatchNorm keeps.
const bnEps = 1e-5

func (g *graph) Conv(prefix string, c models.Conv, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	geo, err := c.Geom(v.shape)
	if err != nil {
		return nil, err
	}
	ps, err := g.params(c.Params(prefix)) // weight, then bias when it has one
	if err != nil {
		return nil, err
	}
	return g.node("Conv", append([]string{v.name}, ps...), []int{geo.N, geo.OutC, geo.OutH(), geo.OutW()},
		intsAttr("kernel_shape", geo.KH, geo.KW), intsAttr("strides", geo.StrideH, geo.StrideW),
		intsAttr("pads", geo.PadH, geo.PadW, geo.PadH, geo.PadW),
		intsAttr("dilations", geo.DilationH, geo.DilationW), intAttr("group", geo.Groups)), nil
}

// BatchNorm is inference-mode BatchNormalization with the running
// statistics; ONNX Runtime folds it into the convolution before it itself.
func (g *graph) BatchNorm(prefix string, n models.BatchNorm, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	ps, err := g.params(n.Params(prefix)[:4]) // scale, shift, mean, var: ONNX's order; not the batch count
	if err != nil {
		return nil, err
	}
	return g.node("BatchNormalization", append([]string{v.name}, ps...), v.shape, floatAttr("epsilon", bnEps)), nil
}

// Linear is Gemm with the weight transposed, as torch stores it (Out, In).
func (g *graph) Linear(prefix string, l models.Linear, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	if len(v.shape) != 2 || v.shape[1] != l.In {
		return nil, fmt.Errorf("linear expects (N, %d), got %v", l.In, v.shape)
	}
	ps, err := g.params(l.Params(prefix))
	if err != nil {
		return nil, err
	}
	return g.node("Gemm", append([]string{v.name}, ps...), []int{v.shape[0], l.Out}, intAttr("transB", 1)), nil
}

// ReLU6 is Clip, whose bounds are inputs since opset 11.
func (g *graph) ReLU(r models.ReLU, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	if !r.Six {
		return g.node("Relu", []string{v.name}, v.shape), nil
	}
	lo, hi := g.constant("relu6_min", nil, []float32{0}), g.constant("relu6_max", nil, []float32{6})
	return g.node("Clip", []string{v.name, lo, hi}, v.shape), nil
}

func (g *graph) MaxPool(m models.MaxPool, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	geo, err := m.Geom(v.shape)
	if err != nil {
		return nil, err
	}
	ceil := 0
	if geo.CeilMode {
		ceil = 1
	}
	return g.node("MaxPool", []string{v.name}, []int{geo.N, geo.C, geo.OutH(), geo.OutW()},
		intsAttr("kernel_shape", geo.KernelH, geo.KernelW), intsAttr("strides", geo.StrideH, geo.StrideW),
		intsAttr("pads", geo.PadH, geo.PadW, geo.PadH, geo.PadW), intAttr("ceil_mode", ceil)), nil
}

func (g *graph) Dropout(_ models.Dropout, x models.Value) (models.Value, error) {
	return x, nil // identity in inference; a Dropout node would only add a step
}

func (g *graph) Flatten(x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	n := 1
	for _, d := range v.shape[1:] {
		n *= d
	}
	return g.node("Flatten", []string{v.name}, []int{v.shape[0], n}, intAttr("axis", 1)), nil
}

func (g *graph) Add(a, b models.Value, relu bool) (models.Value, error) {
	va, err := in(a)
	if err != nil {
		return nil, err
	}
	vb, err := in(b)
	if err != nil {
		return nil, err
	}
	y := g.node("Add", []string{va.name, vb.name}, va.shape)
	if relu {
		y = g.node("Relu", []string{y.name}, y.shape)
	}
	return y, nil
}

func (g *graph) ConcatChannels(a, b models.Value) (models.Value, error) {
	va, err := in(a)
	if err != nil {
		return nil, err
	}
	vb, err := in(b)
	if err != nil {
		return nil, err
	}
	shape := append([]int(nil), va.shape...)
	shape[1] += vb.shape[1]
	return g.node("Concat", []string{va.name, vb.name}, shape, intAttr("axis", 1)), nil
}
