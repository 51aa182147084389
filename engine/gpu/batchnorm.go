package gpu

import "fmt"

// Batch normalisation over an (N, C, HW) view of an (N, C, H, W) tensor with
// the formulas of kernels.BatchNorm*: per channel y = γ(x−μ)/√(σ²+ε)+β, batch
// statistics with the biased variance, PyTorch's running-statistics update.

// bnDims checks the sizes and the per-channel tensors of a batch-norm op.
func bnDims(op string, n, c, hw int, x *Tensor, perChannel ...need) error {
	if n < 1 || c < 1 || hw < 1 {
		return fmt.Errorf("gpu: %s: sizes (%d, %d, %d) must be positive", op, n, c, hw)
	}
	for i := range perChannel {
		perChannel[i].n = c
	}
	return check(op, append([]need{{"x", x, n * c * hw}}, perChannel...)...)
}

// BatchNormStats returns per-channel batch mean and biased variance (two
// passes per channel, one workgroup each).
func (d *Device) BatchNormStats(n, c, hw int, x *Tensor) (mean, variance *Tensor, err error) {
	if err := bnDims("BatchNormStats", n, c, hw, x); err != nil {
		return nil, nil, err
	}
	if mean, err = d.alloc(c); err != nil {
		return nil, nil, err
	}
	if variance, err = d.alloc(c); err != nil {
		mean.Free()
		return nil, nil, err
	}
	if err := d.runGroups("bn_stats", c, push(n, c, hw), x, mean, variance); err != nil {
		freeAll(mean, variance)
		return nil, nil, err
	}
	return mean, variance, nil
}

// BatchNormForward returns act(γ(x−μ)/√(σ²+ε)+β).  (act: the fused ReLU/ReLU6 or none)
func (d *Device) BatchNormForward(n, c, hw int, x, mean, variance, gamma, beta *Tensor, eps float32, act Act) (*Tensor, error) {
	err := bnDims("BatchNormForward", n, c, hw, x,
		need{name: "mean", t: mean}, need{name: "variance", t: variance},
		need{name: "gamma", t: gamma}, need{name: "beta", t: beta})
	if err != nil {
		return nil, err
	}
	if err := act.valid(); err != nil {
		return nil, err
	}
	lo, hi := act.bounds()
	return d.elementwise("bn_forward", x, push(x.n, c, hw, eps, lo, hi), x, mean, variance, gamma, beta)
}

// BatchNormUpdateRunning updates runMean/runVar in place
// (kernels.BatchNormUpdateRunning) after a step over count = N·H·W values per
// channel; count must exceed 1 for the unbiased variance to exist.
func (d *Device) BatchNormUpdateRunning(count int, momentum float32, batchMean, batchVar, runMean, runVar *Tensor) error {
	if count < 2 {
		return fmt.Errorf("gpu: BatchNormUpdateRunning: %d values per channel give no unbiased variance", count)
	}
	if err := batchMean.usable("BatchNormUpdateRunning batchMean"); err != nil {
		return err
	}
	c := batchMean.n
	err := check("BatchNormUpdateRunning", need{"batchVar", batchVar, c}, need{"runMean", runMean, c},
		need{"runVar", runVar, c})
	if err != nil {
		return err
	}
	unbias := float32(float64(count) / float64(count-1))
	return d.run("bn_update_running", c, push(c, momentum, 1-momentum, unbias),
		batchMean, batchVar, runMean, runVar)
}

// BatchNormBackward returns dx, dγ = Σ dy·x̂ and dβ = Σ dy; training selects
// batch statistics, whose dependence on x adds two terms to dx
// (kernels.BatchNormBackward).
func (d *Device) BatchNormBackward(n, c, hw int, training bool, x, dy, mean, variance, gamma *Tensor, eps float32) (dx, dgamma, dbeta *Tensor, err error) {
	err = bnDims("BatchNormBackward", n, c, hw, x, need{name: "mean", t: mean},
		need{name: "variance", t: variance}, need{name: "gamma", t: gamma})
	if err == nil {
		err = check("BatchNormBackward", need{"dy", dy, x.n})
	}
	if err != nil {
		return nil, nil, nil, err
	}
	defer func() {
		if err != nil {
			freeAll(dx, dgamma, dbeta)
			dx, dgamma, dbeta = nil, nil, nil
		}
	}()
	if dgamma, err = d.alloc(c); err != nil {
		return
	}
	if dbeta, err = d.alloc(c); err != nil {
		return
	}
	if err = d.runGroups("bn_backward_sums", c, push(n, c, hw, eps), x, dy, mean, variance, dgamma, dbeta); err != nil {
		return
	}
	pc := push(x.n, c, hw, eps, training, float32(n*hw))
	dx, err = d.elementwise("bn_backward_dx", x, pc, x, dy, mean, variance, gamma, dgamma, dbeta)
	return
}

// FoldBatchNorm returns the weights w2 (OutC, …) and bias b2 (OutC) of a
// convolution w (bias b, nil for none) followed by an inference-mode batch
// norm, so that conv(x, w2) + b2 = bn(conv(x, w) + b): the batch norm's
// pass over the activations disappears. The arithmetic is the one
// bn_forward.comp does per activation, applied to the weights.
func (d *Device) FoldBatchNorm(w, b, mean, variance, gamma, beta *Tensor, eps float32) (w2, b2 *Tensor, err error) {
	if err := w.usable("FoldBatchNorm w"); err != nil {
		return nil, nil, err
	}
	outC := w.shape[0]
	per := w.n / outC
	needs := []need{{"mean", mean, outC}, {"variance", variance, outC}, {"gamma", gamma, outC}, {"beta", beta, outC}}
	bias := d.dummy
	if b != nil {
		needs = append(needs, need{"b", b, outC})
		bias = b.buf
	}
	if err := check("FoldBatchNorm", needs...); err != nil {
		return nil, nil, err
	}
	if w2, err = d.alloc(w.shape...); err != nil {
		return nil, nil, err
	}
	if b2, err = d.alloc(outC); err != nil {
		w2.Free()
		return nil, nil, err
	}
	pc := push(w.n, per, b != nil, eps)
	err = d.dispatch("bn_fold", grid1D(w.n), pc, w.buf, bias, mean.buf, variance.buf, gamma.buf, beta.buf, w2.buf, b2.buf)
	if err != nil {
		freeAll(w2, b2)
		return nil, nil, err
	}
	return w2, b2, nil
}
