package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// ConvOpts are nn.Conv2d's options. Zero values mean PyTorch's defaults:
// stride 1, padding 0, dilation 1, groups 1. Groups == input channels ==
// output channels is a depthwise convolution (MobileNetV2).
//
// NoInputGrad declares the input to be data that needs no gradient (a
// network's first layer reading the images): the op's gradient then skips
// the transposed convolution for it.
type ConvOpts struct {
	StrideH, StrideW, PadH, PadW, DilationH, DilationW, Groups int
	NoInputGrad                                                bool
}

// withDefaults replaces zero strides, dilations and groups by 1.
func (o ConvOpts) withDefaults() ConvOpts {
	one := func(v *int) {
		if *v == 0 {
			*v = 1
		}
	}
	one(&o.StrideH)
	one(&o.StrideW)
	one(&o.DilationH)
	one(&o.DilationW)
	one(&o.Groups)
	return o
}

// geom is the kernel geometry for input shape x (N, C, H, W) and weight
// shape w (OutC, C/Groups, KH, KW). It checks that the weight's input
// channels match the input's.
func (o ConvOpts) geom(x, w tensor.Shape) (kernels.ConvGeom, error) {
	if x.Dims() != 4 || w.Dims() != 4 {
		return kernels.ConvGeom{}, fmt.Errorf("conv: input %v and weight %v must both be 4-D", x, w)
	}
	g := kernels.ConvGeom{
		N: x[0], C: x[1], H: x[2], W: x[3], OutC: w[0], KH: w[2], KW: w[3],
		StrideH: o.StrideH, StrideW: o.StrideW, PadH: o.PadH, PadW: o.PadW,
		DilationH: o.DilationH, DilationW: o.DilationW, Groups: o.Groups,
	}
	if err := g.Validate(); err != nil {
		return g, err
	}
	if w[1]*o.Groups != x[1] {
		return g, fmt.Errorf("conv: weight %v has %d input channels per group, input %v has %d channels in %d groups",
			w, w[1], x, x[1], o.Groups)
	}
	return g, nil
}

// Conv2d is torch.nn.functional.conv2d without bias: x (N, C, H, W) and
// w (OutC, C/Groups, KH, KW) give (N, OutC, OutH, OutW). Add a bias with
// AddChannelBias.
func Conv2d(x, w *gorgonia.Node, o ConvOpts) (*gorgonia.Node, error) {
	if err := checkNode("ops.Conv2d", "input", x, 4); err != nil {
		return nil, err
	}
	if err := checkNode("ops.Conv2d", "weight", w, 4); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	if _, err := o.geom(x.Shape(), w.Shape()); err != nil {
		return nil, fmt.Errorf("ops.Conv2d: input %s, weight %s: %w", x.Name(), w.Name(), err)
	}
	return gorgonia.ApplyOp(&convOp{opts: o}, x, w)
}

// convOp computes the convolution of its inputs (x, w).
type convOp struct {
	pureOp
	opts ConvOpts
}

func (op *convOp) Arity() int                { return 2 }
func (op *convOp) Type() hm.Type             { return fnType(tensorType(4), tensorType(4), tensorType(4)) }
func (op *convOp) String() string            { return fmt.Sprintf("Conv2d%+v", op.opts) }
func (op *convOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *convOp) Hashcode() uint32          { return hashOf(op) }
func (op *convOp) DiffWRT(inputs int) []bool { return []bool{!op.opts.NoInputGrad, true} }

func (op *convOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	return op.opts.outShape("Conv2d", ds)
}

func (op *convOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("Conv2d", []string{"input", "weight"}, vs)
	if err != nil {
		return nil, err
	}
	g, err := op.opts.geom(shapes[0], shapes[1])
	if err != nil {
		return nil, err
	}
	y := op.out.floats(g.YSize())
	kernels.Conv2d(g, data[0], data[1], y)
	return newDense(convOutShape(g), y), nil
}

// SymDiff returns ∂L/∂x = convGradInput(w, dy) and ∂L/∂w = convGradWeight(x, dy).
func (op *convOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	return convGrads(op.opts, in[0], in[1], grad)
}

// convGrads builds ∂L/∂x (nil with NoInputGrad) and ∂L/∂w from dy.
func convGrads(o ConvOpts, x, w, dy *gorgonia.Node) (gorgonia.Nodes, error) {
	var dx *gorgonia.Node
	if !o.NoInputGrad {
		var err error
		if dx, err = gorgonia.ApplyOp(&convGradInputOp{opts: o, x: x.Shape().Clone()}, w, dy); err != nil {
			return nil, fmt.Errorf("Conv2d gradient for input: %w", err)
		}
	}
	dw, err := gorgonia.ApplyOp(&convGradWeightOp{opts: o, w: w.Shape().Clone()}, x, dy)
	if err != nil {
		return nil, fmt.Errorf("Conv2d gradient for weight: %w", err)
	}
	return gorgonia.Nodes{dx, dw}, nil
}

// outShape is the output shape of a convolution op with these options on
// the (input, weight) shapes of ds; name labels errors.
func (o ConvOpts) outShape(name string, ds []gorgonia.DimSizer) (tensor.Shape, error) {
	x, err := shapeOf(name, ds, 0)
	if err != nil {
		return nil, err
	}
	w, err := shapeOf(name, ds, 1)
	if err != nil {
		return nil, err
	}
	g, err := o.geom(x, w)
	if err != nil {
		return nil, err
	}
	return convOutShape(g), nil
}
