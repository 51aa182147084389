package gpunet

import (
	"fmt"
	"math"

	"transferlab/engine/gpu"
	"transferlab/engine/kernels"
	"transferlab/engine/models"
)

func (p *pass) ReLU(r models.ReLU, v models.Value) (models.Value, error) {
	x := p.in(v)
	lo, hi := kernels.ReLU(r.Six)
	y, err := p.dev.Clamp(x.t, lo, hi)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		return p.gradInto(x, func() (*gpu.Tensor, error) { return p.dev.ClampBackward(x.t, dy, lo, hi) })
	})
	return out, nil
}

func (p *pass) MaxPool(m models.MaxPool, v models.Value) (models.Value, error) {
	x := p.in(v)
	g, err := m.Geom(x.Shape())
	if err != nil {
		return nil, err
	}
	y, argmax, err := p.dev.MaxPool2d(g, x.t)
	if err != nil {
		return nil, err
	}
	p.own(argmax)
	out := p.value(y, x)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		return p.gradInto(x, func() (*gpu.Tensor, error) { return p.dev.MaxPool2dBackward(g, dy, argmax) })
	})
	return out, nil
}

func (p *pass) AdaptiveAvgPool(a models.AdaptiveAvgPool, v models.Value) (models.Value, error) {
	x := p.in(v)
	s := x.Shape()
	if len(s) != 4 {
		return nil, fmt.Errorf("adaptive average pool expects (N, C, H, W), got %v", s)
	}
	if err := kernels.ValidateAdaptive(s[0], s[1], s[2], s[3], a.Size, a.Size); err != nil {
		return nil, err
	}
	y, err := p.dev.AdaptiveAvgPool2d(s[0], s[1], s[2], s[3], a.Size, a.Size, x.t)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		return p.gradInto(x, func() (*gpu.Tensor, error) {
			return p.dev.AdaptiveAvgPool2dBackward(s[0], s[1], s[2], s[3], a.Size, a.Size, dy)
		})
	})
	return out, nil
}

// Dropout draws its mask on the host from the State's seeded source, in the
// order the CPU graph draws it, so both backends drop the same units.
func (p *pass) Dropout(d models.Dropout, v models.Value) (models.Value, error) {
	x := p.in(v)
	st := p.params.state.DropoutState()
	if !st.Training || d.P == 0 {
		return x, nil
	}
	keep := float32(1 / (1 - d.P))
	if d.P >= 1 {
		keep = 0
	}
	scale := make([]float32, x.t.Len())
	for i := range scale {
		if st.Rand.Float64() >= d.P {
			scale[i] = keep
		}
	}
	mask, err := p.dev.FromHost(scale, x.Shape()...)
	if err != nil {
		return nil, err
	}
	p.own(mask)
	y, err := p.dev.Mul(x.t, mask)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		return p.gradInto(x, func() (*gpu.Tensor, error) { return p.dev.Mul(dy, mask) })
	})
	return out, nil
}

// Flatten views (N, C, H, W) as (N, C·H·W) without copying; its gradient is
// a copy of the upstream gradient viewed back (the tape frees dy after this
// step, and a view does not own its buffer).
func (p *pass) Flatten(v models.Value) (models.Value, error) {
	x := p.in(v)
	s := x.Shape()
	if len(s) == 2 {
		return x, nil
	}
	y, err := x.t.Reshape(s[0], x.t.Len()/s[0])
	if err != nil {
		return nil, err
	}
	out := &node{t: y, needGrad: x.needGrad}
	p.onBackward(out, func(dy *gpu.Tensor) error {
		return p.gradInto(x, func() (*gpu.Tensor, error) {
			c, err := p.dev.Clone(dy)
			if err != nil {
				return nil, err
			}
			return p.own(c).Reshape(s...)
		})
	})
	return out, nil
}

func (p *pass) Add(av, bv models.Value, relu bool) (models.Value, error) {
	a, b := p.in(av), p.in(bv)
	lo, hi := float32(math.Inf(-1)), float32(math.Inf(1))
	if relu {
		lo = 0
	}
	y, err := p.dev.Add(a.t, b.t, relu, lo, hi)
	if err != nil {
		return nil, err
	}
	out := p.value(y, a, b)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		g := dy
		if relu { // y > 0 exactly where a + b > 0, so y masks the gradient
			var err error
			if g, err = p.dev.ClampBackward(y, dy, lo, hi); err != nil {
				return err
			}
		} else if g, err = p.dev.Clone(dy); err != nil { // dy is freed after this step
			return err
		}
		return p.shareGrad(a, b, g)
	})
	return out, nil
}

func (p *pass) ConcatChannels(av, bv models.Value) (models.Value, error) {
	a, b := p.in(av), p.in(bv)
	y, err := p.dev.ConcatChannels(a.t, b.t)
	if err != nil {
		return nil, err
	}
	ca := a.Shape()[1]
	out := p.value(y, a, b)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		da, db, err := p.dev.SplitChannels(dy, ca)
		if err != nil {
			return err
		}
		if err := p.accumulate(a, da); err != nil {
			return err
		}
		return p.accumulate(b, db)
	})
	return out, nil
}
