package kernels

import "math"

// Batch normalisation over an (N, C, HW) view of an (N, C, H, W) tensor, per
// channel c: y = γ·(x − μ)/√(σ² + ε) + β. In eval mode μ, σ² are the running
// statistics; in training mode they are the batch statistics (biased
// variance), and the running statistics are updated with the unbiased one,
// exactly as torch.nn.BatchNorm2d does.

// BatchNormStats computes each channel's batch mean and biased variance
// (divided by N·HW), accumulating in float64 with a two-pass formula so large
// means do not cancel the variance away.
func BatchNormStats(n, c, hw int, x, mean, variance []float32) {
	checkLen("BatchNormStats", "x", len(x), n*c*hw)
	checkLen("BatchNormStats", "mean", len(mean), c)
	checkLen("BatchNormStats", "variance", len(variance), c)
	count := float64(n * hw)
	parallelFor(c, func(ch int) {
		var s float64
		eachChannelRow(n, c, hw, ch, x, func(row []float32) {
			for _, v := range row {
				s += float64(v)
			}
		})
		mu := s / count
		var ss float64
		eachChannelRow(n, c, hw, ch, x, func(row []float32) {
			for _, v := range row {
				d := float64(v) - mu
				ss += d * d
			}
		})
		mean[ch], variance[ch] = float32(mu), float32(ss/count)
	})
}

// BatchNormForward normalises x with the given per-channel mean and variance
// and applies γ, β; y is overwritten. Like PyTorch's CPU kernel it folds the
// parameters into y = x·a + b with a = γ/√(σ²+ε), b = β − μ·a.
func BatchNormForward(n, c, hw int, x, mean, variance, gamma, beta []float32, eps float32, y []float32) {
	for _, s := range []struct {
		name string
		got  int
		want int
	}{{"x", len(x), n * c * hw}, {"y", len(y), n * c * hw}, {"mean", len(mean), c},
		{"variance", len(variance), c}, {"gamma", len(gamma), c}, {"beta", len(beta), c}} {
		checkLen("BatchNormForward", s.name, s.got, s.want)
	}
	parallelFor(n*c, func(nc int) {
		ch := nc % c
		a := gamma[ch] * invStd(variance[ch], eps)
		b := beta[ch] - mean[ch]*a
		src, dst := x[nc*hw:(nc+1)*hw], y[nc*hw:(nc+1)*hw]
		for i, v := range src {
			dst[i] = v*a + b
		}
	})
}

// BatchNormUpdateRunning applies PyTorch's running-statistics update after a
// training step over count = N·H·W values per channel:
//
//	running_mean = (1−momentum)·running_mean + momentum·batch_mean
//	running_var  = (1−momentum)·running_var  + momentum·batch_var·count/(count−1)
//
// batchVar is the biased variance from BatchNormStats. With count == 1 the
// unbiased variance is undefined; PyTorch refuses that case and so must callers.
func BatchNormUpdateRunning(count int, momentum float32, batchMean, batchVar, runMean, runVar []float32) {
	unbias := float32(float64(count) / float64(count-1))
	for ch := range batchMean {
		runMean[ch] = (1-momentum)*runMean[ch] + momentum*batchMean[ch]
		runVar[ch] = (1-momentum)*runVar[ch] + momentum*batchVar[ch]*unbias
	}
}

// BatchNormGrads holds the outputs of BatchNormBackward; a nil slice is not
// computed (the gradient ops each need one of them).
type BatchNormGrads struct {
	DX, DGamma, DBeta []float32
}

// BatchNormBackward computes the gradients of BatchNormForward given the
// statistics it normalised with (mean, variance) and the upstream dy.
// training selects whether those statistics were the batch's own, in which
// case they depend on x and dx gains the two correction terms
//
//	dx = γ/√(σ²+ε) · (dy − mean(dy) − x̂·mean(dy·x̂))
//
// or fixed running statistics (eval mode), where dx = γ/√(σ²+ε) · dy.
// Always dγ = Σ dy·x̂ and dβ = Σ dy over N, H, W, with x̂ = (x − μ)/√(σ²+ε).
func BatchNormBackward(n, c, hw int, training bool, x, dy, mean, variance, gamma []float32, eps float32, out BatchNormGrads) {
	checkLen("BatchNormBackward", "x", len(x), n*c*hw)
	checkLen("BatchNormBackward", "dy", len(dy), n*c*hw)
	count := float64(n * hw)
	parallelFor(c, func(ch int) {
		mu, is := float64(mean[ch]), float64(invStd(variance[ch], eps))
		sumDy, sumDyXhat := channelSums(n, c, hw, ch, x, dy, mu, is)
		if out.DGamma != nil {
			out.DGamma[ch] = float32(sumDyXhat)
		}
		if out.DBeta != nil {
			out.DBeta[ch] = float32(sumDy)
		}
		if out.DX == nil {
			return
		}
		scale := float64(gamma[ch]) * is
		var meanDy, meanDyXhat float64
		if training {
			meanDy, meanDyXhat = sumDy/count, sumDyXhat/count
		}
		for img := range n {
			o := (img*c + ch) * hw
			xs, ds, dst := x[o:o+hw], dy[o:o+hw], out.DX[o:o+hw]
			for i := range dst {
				xhat := (float64(xs[i]) - mu) * is
				dst[i] = float32(scale * (float64(ds[i]) - meanDy - xhat*meanDyXhat))
			}
		}
	})
}

// channelSums returns Σ dy and Σ dy·x̂ over one channel, in float64.
func channelSums(n, c, hw, ch int, x, dy []float32, mu, is float64) (sumDy, sumDyXhat float64) {
	for img := range n {
		o := (img*c + ch) * hw
		xs, ds := x[o:o+hw], dy[o:o+hw]
		for i, d := range ds {
			sumDy += float64(d)
			sumDyXhat += float64(d) * (float64(xs[i]) - mu) * is
		}
	}
	return sumDy, sumDyXhat
}

// eachChannelRow calls f with the HW values of channel ch for every image.
func eachChannelRow(n, c, hw, ch int, x []float32, f func(row []float32)) {
	for img := range n {
		o := (img*c + ch) * hw
		f(x[o : o+hw])
	}
}

func invStd(variance, eps float32) float32 {
	return float32(1 / math.Sqrt(float64(variance+eps)))
}
