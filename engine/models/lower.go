package models

import (
	"fmt"

	"transferlab/engine/kernels"
)

// Backend builds a network on a compute device: Builder on the CPU (a
// gorgonia graph), engine/gpunet on the GPU (Vulkan). The architecture
// tables stay the single description of each network, and every module
// lowers itself into calls of these primitives. prefix is the module's
// state_dict prefix, from which the backend finds its parameters
// (prefix+".weight", ...).
type Backend interface {
	Conv(prefix string, c Conv, x Value) (Value, error)
	BatchNorm(prefix string, n BatchNorm, x Value) (Value, error)
	Linear(prefix string, l Linear, x Value) (Value, error)
	ReLU(r ReLU, x Value) (Value, error)
	MaxPool(m MaxPool, x Value) (Value, error)
	AdaptiveAvgPool(a AdaptiveAvgPool, x Value) (Value, error)
	Dropout(d Dropout, x Value) (Value, error)
	Flatten(x Value) (Value, error)
	// Add returns a + b, followed by a ReLU when relu (residual joins).
	Add(a, b Value, relu bool) (Value, error)
	// ConcatChannels joins (N,Ca,H,W) and (N,Cb,H,W) along channels.
	ConcatChannels(a, b Value) (Value, error)
}

// Value is a backend's tensor; the lowering code only needs its shape.
type Value interface{ Shape() []int }

// Fuser is a Backend that can run the start of a chain of layers as one op
// — a convolution with the bias, batch norm or ReLU after it — saving
// passes over the activations. Fuse returns how many steps it replaced (0:
// none, lower steps[0] alone).
type Fuser interface {
	Fuse(steps []Step, x Value) (y Value, used int, err error)
}

// Step is one module of a chain with its state_dict prefix.
type Step struct {
	Prefix string
	Module Module
}

// Lower adds layers [from, to) of the network to a backend.
func (n *Network) Lower(be Backend, x Value, from, to int) (Value, error) {
	var steps []Step
	for _, l := range n.Layers[from:to] {
		steps = append(steps, Step{l.Path, l.Module})
	}
	y, err := lowerChain(be, steps, x)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", n.Name, err)
	}
	return y, nil
}

func (s Seq) Lower(be Backend, prefix string, x Value) (Value, error) {
	steps := make([]Step, len(s))
	for i, m := range s {
		steps[i] = Step{join(prefix, itoa(i)), m}
	}
	return lowerChain(be, steps, x)
}

func (n Named) Lower(be Backend, prefix string, x Value) (Value, error) {
	steps := make([]Step, len(n))
	for i, c := range n {
		steps[i] = Step{join(prefix, c.Name), c.Module}
	}
	return lowerChain(be, steps, x)
}

// lowerChain lowers the steps in order, letting a Fuser join a layer with
// the ones after it.
func lowerChain(be Backend, steps []Step, x Value) (Value, error) {
	f, fuses := be.(Fuser)
	for i := 0; i < len(steps); {
		if fuses {
			y, used, err := f.Fuse(steps[i:], x)
			if err != nil {
				return nil, wrap(steps[i].Prefix, err)
			}
			if used > 0 {
				x, i = y, i+used
				continue
			}
		}
		var err error
		if x, err = steps[i].Module.Lower(be, steps[i].Prefix, x); err != nil {
			return nil, err
		}
		i++
	}
	return x, nil
}

func (c Conv) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.Conv(prefix, c, x)
	return y, wrap(prefix, err)
}

func (n BatchNorm) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.BatchNorm(prefix, n, x)
	return y, wrap(prefix, err)
}

func (l Linear) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.Linear(prefix, l, x)
	return y, wrap(prefix, err)
}

func (r ReLU) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.ReLU(r, x)
	return y, wrap(prefix, err)
}

func (m MaxPool) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.MaxPool(m, x)
	return y, wrap(prefix, err)
}

func (a AdaptiveAvgPool) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.AdaptiveAvgPool(a, x)
	return y, wrap(prefix, err)
}

func (d Dropout) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.Dropout(d, x)
	return y, wrap(prefix, err)
}

func (Flatten) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := be.Flatten(x)
	return y, wrap(prefix, err)
}

func (r resnetBlock) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := r.body().Lower(be, prefix, x)
	if err != nil {
		return nil, err
	}
	shortcut := x
	if d := r.downsample(); d != nil {
		if shortcut, err = d.Lower(be, join(prefix, "downsample"), x); err != nil {
			return nil, err
		}
	}
	y, err = be.Add(y, shortcut, true)
	return y, wrap(prefix, err)
}

func (r invertedResidual) Lower(be Backend, prefix string, x Value) (Value, error) {
	y, err := r.conv().Lower(be, join(prefix, "conv"), x)
	if err != nil || r.Stride != 1 || r.In != r.Out {
		return y, err
	}
	y, err = be.Add(x, y, false)
	return y, wrap(prefix, err)
}

func (f fire) Lower(be Backend, prefix string, x Value) (Value, error) {
	s, e1, e3 := f.parts()
	sq, err := Named{{"squeeze", s}, {"", ReLU{}}}.Lower(be, prefix, x)
	if err != nil {
		return nil, err
	}
	a, err := Named{{"expand1x1", e1}, {"", ReLU{}}}.Lower(be, prefix, sq)
	if err != nil {
		return nil, err
	}
	c, err := Named{{"expand3x3", e3}, {"", ReLU{}}}.Lower(be, prefix, sq)
	if err != nil {
		return nil, err
	}
	y, err := be.ConcatChannels(a, c)
	return y, wrap(prefix, err)
}

// Geom is the kernel geometry of this convolution on an (N, C, H, W) input.
func (c Conv) Geom(x []int) (kernels.ConvGeom, error) {
	if len(x) != 4 || x[1] != c.In {
		return kernels.ConvGeom{}, fmt.Errorf("conv expects (N, %d, H, W), got %v", c.In, x)
	}
	o := c.opts()
	g := kernels.ConvGeom{
		N: x[0], C: x[1], H: x[2], W: x[3], OutC: c.Out, KH: c.Kernel, KW: c.Kernel,
		StrideH: o.StrideH, StrideW: o.StrideW, PadH: o.PadH, PadW: o.PadW,
		DilationH: 1, DilationW: 1, Groups: o.Groups,
	}
	return g, g.Validate()
}

// Geom is the kernel geometry of this pooling on an (N, C, H, W) input.
func (m MaxPool) Geom(x []int) (kernels.PoolGeom, error) {
	if len(x) != 4 {
		return kernels.PoolGeom{}, fmt.Errorf("max pool expects (N, C, H, W), got %v", x)
	}
	g := kernels.PoolGeom{N: x[0], C: x[1], H: x[2], W: x[3], KernelH: m.Kernel, KernelW: m.Kernel,
		StrideH: m.Stride, StrideW: m.Stride, PadH: m.Pad, PadW: m.Pad, CeilMode: m.Ceil}
	return g, g.Validate()
}
