package gpunet

import (
	"fmt"

	"transferlab/engine/gpu"
	"transferlab/engine/kernels"
	"transferlab/engine/models"
)

// pass lowers a network into GPU ops for one forward pass (and, when its
// tape records, the backward pass). It implements models.Backend; each
// method runs the op's forward kernel and records its backward step.
type pass struct {
	*tape
	params    *Params
	trainable func(name string) bool
}

var (
	_ models.Backend = (*pass)(nil)
	_ models.Fuser   = (*pass)(nil)
)

func (p *pass) in(v models.Value) *node { return v.(*node) }

// param returns the leaf node of a state_dict entry, one per pass, so
// gradients from every use accumulate in one place.
func (p *pass) param(name string) (*node, error) {
	if n, ok := p.leaves[name]; ok {
		return n, nil
	}
	t, err := p.params.Tensor(name)
	if err != nil {
		return nil, err
	}
	n := &node{t: t, needGrad: p.record && p.trainable(name)}
	p.leaves[name] = n
	return n, nil
}

func (p *pass) Conv(prefix string, c models.Conv, v models.Value) (models.Value, error) {
	return p.conv(prefix, c, gpu.ActNone, v)
}

// Fuse runs a convolution or batch norm and the ReLU after it as one
// shader, saving a pass and an activation per ReLU.
func (p *pass) Fuse(steps []models.Step, v models.Value) (models.Value, int, error) {
	if len(steps) < 2 {
		return nil, 0, nil
	}
	if y, used, err := p.foldNorm(steps, v); used > 0 || err != nil {
		return y, used, err
	}
	r, ok := steps[1].Module.(models.ReLU)
	if !ok {
		return nil, 0, nil
	}
	var y models.Value
	var err error
	switch m := steps[0].Module.(type) {
	case models.Conv:
		y, err = p.conv(steps[0].Prefix, m, actOf(r), v)
	case models.BatchNorm:
		y, err = p.batchNorm(steps[0].Prefix, m, actOf(r), v)
	default:
		return nil, 0, nil
	}
	return y, 2, err
}

// foldNorm runs a convolution, the inference-mode batch norm after it and
// the ReLU after that, if any, as one convolution with folded weights
// (gpu.FoldBatchNorm), when no backward pass is recorded: in inference the
// batch norm's pass over the activations is pure cost (ResNet-18 at batch
// 64 spends about 3 ms of its forward pass there on an H200).
func (p *pass) foldNorm(steps []models.Step, v models.Value) (models.Value, int, error) {
	c, isConv := steps[0].Module.(models.Conv)
	bn, isNorm := steps[1].Module.(models.BatchNorm)
	if p.record || !isConv || !isNorm {
		return nil, 0, nil
	}
	st, ok := p.params.state.NormState(steps[1].Prefix)
	if !ok || st.Training {
		return nil, 0, nil
	}
	if c.Out != bn.C {
		return nil, 0, fmt.Errorf("batch norm of %d channels after a convolution with %d", bn.C, c.Out)
	}
	used, act := 2, gpu.ActNone
	if len(steps) > 2 {
		if r, ok := steps[2].Module.(models.ReLU); ok {
			used, act = 3, actOf(r)
		}
	}
	x := p.in(v)
	g, err := c.Geom(x.Shape())
	if err != nil {
		return nil, 0, err
	}
	w2, b2, err := p.foldedWeights(steps[0].Prefix, c.Bias, steps[1].Prefix, float32(st.Eps))
	if err != nil {
		return nil, 0, err
	}
	y, err := p.dev.Conv2d(g, x.t, w2, b2, act)
	if err != nil {
		return nil, 0, err
	}
	return p.value(y, x), used, nil
}

// foldedWeights returns the convolution's weights and bias with the batch
// norm's running statistics and affine folded in, owned by the pass.
func (p *pass) foldedWeights(conv string, hasBias bool, norm string, eps float32) (w2, b2 *gpu.Tensor, err error) {
	var b *gpu.Tensor
	if hasBias {
		if b, err = p.params.Tensor(conv + ".bias"); err != nil {
			return nil, nil, err
		}
	}
	var t [5]*gpu.Tensor // weight, running mean and variance, gamma, beta
	for i, name := range []string{conv + ".weight", norm + ".running_mean", norm + ".running_var", norm + ".weight", norm + ".bias"} {
		if t[i], err = p.params.Tensor(name); err != nil {
			return nil, nil, err
		}
	}
	if w2, b2, err = p.dev.FoldBatchNorm(t[0], b, t[1], t[2], t[3], t[4], eps); err != nil {
		return nil, nil, err
	}
	return p.own(w2), p.own(b2), nil
}

func (p *pass) conv(prefix string, c models.Conv, act gpu.Act, v models.Value) (models.Value, error) {
	x := p.in(v)
	g, err := c.Geom(x.Shape())
	if err != nil {
		return nil, err
	}
	w, err := p.param(prefix + ".weight")
	if err != nil {
		return nil, err
	}
	var b *node
	var bt *gpu.Tensor
	if c.Bias {
		if b, err = p.param(prefix + ".bias"); err != nil {
			return nil, err
		}
		bt = b.t
	}
	y, err := p.dev.Conv2d(g, x.t, w.t, bt, act)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x, w, b)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		dy, err := p.throughAct(act, y, dy)
		if err != nil {
			return err
		}
		if err := p.gradInto(x, func() (*gpu.Tensor, error) { return p.dev.Conv2dBackwardData(g, dy, w.t) }); err != nil {
			return err
		}
		if err := p.gradInto(w, func() (*gpu.Tensor, error) { return p.dev.Conv2dBackwardWeights(g, x.t, dy) }); err != nil {
			return err
		}
		return p.gradInto(b, func() (*gpu.Tensor, error) { return p.dev.ChannelSum(g.N, g.OutC, g.OutH()*g.OutW(), dy) })
	})
	return out, nil
}

// BatchNorm normalises with the batch's statistics while the State says the
// module is training (and updates the running ones), else with the running
// statistics — the same switch the CPU graph reads (State.FreezeNorms).
func (p *pass) BatchNorm(prefix string, bn models.BatchNorm, v models.Value) (models.Value, error) {
	return p.batchNorm(prefix, bn, gpu.ActNone, v)
}

func (p *pass) batchNorm(prefix string, bn models.BatchNorm, act gpu.Act, v models.Value) (models.Value, error) {
	x := p.in(v)
	s := x.Shape()
	if len(s) != 4 || s[1] != bn.C {
		return nil, fmt.Errorf("batch norm expects (N, %d, H, W), got %v", bn.C, s)
	}
	st, ok := p.params.state.NormState(prefix)
	if !ok {
		return nil, fmt.Errorf("no BatchNorm state")
	}
	n, c, hw := s[0], s[1], s[2]*s[3]
	gamma, err := p.param(prefix + ".weight")
	if err != nil {
		return nil, err
	}
	beta, err := p.param(prefix + ".bias")
	if err != nil {
		return nil, err
	}
	mean, variance, err := p.normStats(prefix, st.Training, st.Momentum, n, c, hw, x)
	if err != nil {
		return nil, err
	}
	eps := float32(st.Eps)
	y, err := p.dev.BatchNormForward(n, c, hw, x.t, mean, variance, gamma.t, beta.t, eps, act)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x, gamma, beta)
	training := st.Training
	p.onBackward(out, func(dy *gpu.Tensor) error {
		dy, err := p.throughAct(act, y, dy)
		if err != nil {
			return err
		}
		dx, dgamma, dbeta, err := p.dev.BatchNormBackward(n, c, hw, training, x.t, dy, mean, variance, gamma.t, eps)
		if err != nil {
			return err
		}
		for _, pair := range []struct {
			n *node
			g *gpu.Tensor
		}{{x, dx}, {gamma, dgamma}, {beta, dbeta}} {
			if err := p.accumulate(pair.n, pair.g); err != nil {
				return err
			}
		}
		return nil
	})
	return out, nil
}

// normStats returns the statistics a BatchNorm normalises with: the batch's
// (updating the running ones as torch does) when training, else the running.
func (p *pass) normStats(prefix string, training bool, momentum float32, n, c, hw int, x *node) (mean, variance *gpu.Tensor, err error) {
	runMean, err := p.params.Tensor(prefix + ".running_mean")
	if err != nil {
		return nil, nil, err
	}
	runVar, err := p.params.Tensor(prefix + ".running_var")
	if err != nil {
		return nil, nil, err
	}
	if !training {
		return runMean, runVar, nil
	}
	if n*hw < 2 { // the unbiased variance of one value is undefined (torch refuses too)
		return nil, nil, fmt.Errorf("batch norm in training needs more than one value per channel, got a batch of %d", n)
	}
	if mean, variance, err = p.dev.BatchNormStats(n, c, hw, x.t); err != nil {
		return nil, nil, err
	}
	p.own(mean)
	p.own(variance)
	return mean, variance, p.dev.BatchNormUpdateRunning(n*hw, momentum, mean, variance, runMean, runVar)
}

func (p *pass) Linear(prefix string, l models.Linear, v models.Value) (models.Value, error) {
	x := p.in(v)
	if s := x.Shape(); len(s) != 2 || s[1] != l.In {
		return nil, fmt.Errorf("linear expects (N, %d), got %v", l.In, s)
	}
	w, err := p.param(prefix + ".weight")
	if err != nil {
		return nil, err
	}
	b, err := p.param(prefix + ".bias")
	if err != nil {
		return nil, err
	}
	y, err := p.dev.Linear(x.t, w.t, b.t)
	if err != nil {
		return nil, err
	}
	out := p.value(y, x, w, b)
	p.onBackward(out, func(dy *gpu.Tensor) error {
		dx, dw, db, err := p.dev.LinearBackward(x.t, w.t, dy, x.needGrad)
		if err != nil {
			return err
		}
		if dx != nil {
			if err := p.accumulate(x, dx); err != nil {
				return err
			}
		}
		if err := p.accumulate(w, dw); err != nil {
			return err
		}
		return p.accumulate(b, db)
	})
	return out, nil
}

// actOf is the fused activation of a ReLU module.
func actOf(r models.ReLU) gpu.Act {
	if r.Six {
		return gpu.ActReLU6
	}
	return gpu.ActReLU
}

// throughAct carries dy back through a fused activation. The clamp's
// output y lies strictly inside (lo, hi) exactly where its input did, so y
// masks the gradient as the input would.
func (p *pass) throughAct(act gpu.Act, y, dy *gpu.Tensor) (*gpu.Tensor, error) {
	if act == gpu.ActNone {
		return dy, nil
	}
	lo, hi := kernels.ReLU(act == gpu.ActReLU6)
	g, err := p.dev.ClampBackward(y, dy, lo, hi)
	if err != nil {
		return nil, err
	}
	return p.own(g), nil
}
