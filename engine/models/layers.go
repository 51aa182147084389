package models

import (
	"fmt"

	G "gorgonia.org/gorgonia"

	"transferlab/engine/ops"
)

// Conv is torch.nn.Conv2d with square kernels: weight (Out, In/Groups, K, K).
type Conv struct {
	In, Out, Kernel, Stride, Pad, Groups int
	Bias                                 bool
}

func (c Conv) groups() int {
	if c.Groups == 0 {
		return 1
	}
	return c.Groups
}

func (c Conv) Params(prefix string) []Param {
	ps := []Param{{join(prefix, "weight"), []int{c.Out, c.In / c.groups(), c.Kernel, c.Kernel}, Weight}}
	if c.Bias {
		ps = append(ps, Param{join(prefix, "bias"), []int{c.Out}, Bias})
	}
	return ps
}

func (c Conv) opts() ops.ConvOpts {
	stride := max(c.Stride, 1)
	return ops.ConvOpts{
		StrideH: stride, StrideW: stride, PadH: c.Pad, PadW: c.Pad,
		DilationH: 1, DilationW: 1, Groups: c.groups(),
	}
}

// convOpts are the layer's options for input x. When x is a leaf of the
// graph, it is the images (or cached features) fed in, never a parameter,
// and no gradient is wanted for it.
func (c Conv) convOpts(x *G.Node) ops.ConvOpts {
	o := c.opts()
	o.NoInputGrad = x.Op() == nil
	return o
}

// BatchNorm is torch.nn.BatchNorm2d (eps 1e-5, momentum 0.1).
type BatchNorm struct{ C int }

func (n BatchNorm) Params(prefix string) []Param {
	c := []int{n.C}
	return []Param{
		{join(prefix, "weight"), c, NormScale},
		{join(prefix, "bias"), c, NormShift},
		{join(prefix, "running_mean"), c, RunningMean},
		{join(prefix, "running_var"), c, RunningVar},
		{join(prefix, "num_batches_tracked"), []int{}, BatchCount},
	}
}

// Linear is torch.nn.Linear: weight (Out, In), bias (Out).
type Linear struct{ In, Out int }

func (l Linear) Params(prefix string) []Param {
	return []Param{
		{join(prefix, "weight"), []int{l.Out, l.In}, Weight},
		{join(prefix, "bias"), []int{l.Out}, Bias},
	}
}

// ReLU is torch.nn.ReLU; Six makes it ReLU6 (MobileNetV2).
type ReLU struct{ Six bool }

func (ReLU) Params(string) []Param { return nil }

// MaxPool is torch.nn.MaxPool2d with square windows.
type MaxPool struct {
	Kernel, Stride, Pad int
	Ceil                bool
}

func (MaxPool) Params(string) []Param { return nil }

// AdaptiveAvgPool is torch.nn.AdaptiveAvgPool2d((Size, Size)).
type AdaptiveAvgPool struct{ Size int }

func (AdaptiveAvgPool) Params(string) []Param { return nil }

// Dropout is torch.nn.Dropout: identity in evaluation mode.
type Dropout struct{ P float64 }

func (Dropout) Params(string) []Param { return nil }

// Flatten is torch.flatten(x, 1): (N, C, H, W) -> (N, C*H*W).
type Flatten struct{}

func (Flatten) Params(string) []Param { return nil }

func wrap(prefix string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", prefix, err)
}
