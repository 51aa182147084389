package kernels

import "math"

// Batch normalisation over an (N, C, HW) view of an (N, C, H, W) tensor, per
// channel c: y = γ·(x − μ)/√(σ² + ε) + β. In eval mode μ, σ² are the running
// statistics; in training mode they are the batch statistics (biased
// variance), and the running statistics are updated with the unbiased one,
// exactly as torch.nn.BatchNorm2d does.

// BatchNormStats computes each channel's batch mean and biased variance
// (divided by N·HW), accumulating in float64. So that large means do not
// cancel the variance away, squares are taken around a shift k, the mean of
// the channel's first row (close to the batch mean): Σ(x−k)² − count·(μ−k)²
// loses only the bits of (μ−k)², and the channel is read once (plus its
// first row) instead of twice as a two-pass formula would.
func BatchNormStats(n, c, hw int, x, mean, variance []float32) {
	checkLen("BatchNormStats", "x", len(x), n*c*hw)
	checkLen("BatchNormStats", "mean", len(mean), c)
	checkLen("BatchNormStats", "variance", len(variance), c)
	count := float64(n * hw)
	parallelFor(c, func(ch int) {
		k := sum64(x[ch*hw:(ch+1)*hw]) / float64(hw)
		var s, ss float64
		eachChannelRow(n, c, hw, ch, x, func(row []float32) {
			rs, rss := sums64(row, k)
			s += rs
			ss += rss
		})
		mu := s / count
		d := mu - k
		mean[ch], variance[ch] = float32(mu), float32(max(0, ss/count-d*d))
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
		affineClamp(x[nc*hw:(nc+1)*hw], y[nc*hw:(nc+1)*hw], true, a, b, negInf, posInf)
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
	sumDy, sumDyXhat := make([]float64, c), make([]float64, c)
	BatchNormSums(n, c, hw, x, dy, mean, variance, eps, sumDy, sumDyXhat)
	BatchNormBackwardFromSums(n, c, hw, training, x, dy, mean, variance, gamma, eps, sumDy, sumDyXhat, out)
}

// BatchNormSums computes, per channel, Σ dy and Σ dy·x̂ (in float64): the
// reductions all three gradients of a batch norm need, so the gradient ops
// of one layer compute them once per step.
func BatchNormSums(n, c, hw int, x, dy, mean, variance []float32, eps float32, sumDy, sumDyXhat []float64) {
	checkLen("BatchNormSums", "x", len(x), n*c*hw)
	checkLen("BatchNormSums", "dy", len(dy), n*c*hw)
	parallelFor(c, func(ch int) {
		mu, is := float64(mean[ch]), float64(invStd(variance[ch], eps))
		sumDy[ch], sumDyXhat[ch] = channelSums(n, c, hw, ch, x, dy, mu, is)
	})
}

// BatchNormBackwardFromSums is BatchNormBackward given BatchNormSums' output.
func BatchNormBackwardFromSums(n, c, hw int, training bool, x, dy, mean, variance, gamma []float32, eps float32,
	sumDy, sumDyXhat []float64, out BatchNormGrads) {
	checkLen("BatchNormBackward", "x", len(x), n*c*hw)
	checkLen("BatchNormBackward", "dy", len(dy), n*c*hw)
	count := float64(n * hw)
	for ch := range c {
		if out.DGamma != nil {
			out.DGamma[ch] = float32(sumDyXhat[ch])
		}
		if out.DBeta != nil {
			out.DBeta[ch] = float32(sumDy[ch])
		}
	}
	if out.DX == nil {
		return
	}
	parallelFor(n*c, func(nc int) {
		ch := nc % c
		mu, is := float64(mean[ch]), float64(invStd(variance[ch], eps))
		scale := float64(gamma[ch]) * is
		var meanDy, meanDyXhat float64
		if training {
			meanDy, meanDyXhat = sumDy[ch]/count, sumDyXhat[ch]/count
		}
		o := nc * hw
		xs, ds, dst := x[o:o+hw], dy[o:o+hw], out.DX[o:o+hw]
		if !training {
			s := float32(scale)
			for i, d := range ds {
				dst[i] = s * d
			}
			return
		}
		// dx = scale·(dy − meanDy − (x−μ)·is·meanDyXhat) in float32, the
		// coefficients folded in float64: a·dy + b·(x−μ) + c.
		a := float32(scale)
		b := float32(-scale * is * meanDyXhat)
		c0 := float32(-scale * meanDy)
		m := float32(mu)
		v := vecBNBackward(xs, ds, dst, a, b, m, c0)
		xs, ds, dst = xs[v:], ds[v:], dst[v:len(ds)]
		for i, d := range ds {
			dst[i] = a*d + b*(xs[i]-m) + c0
		}
	})
}

// channelSums returns Σ dy and Σ dy·x̂ over one channel, in float64.
func channelSums(n, c, hw, ch int, x, dy []float32, mu, is float64) (sumDy, sumDyXhat float64) {
	for img := range n {
		o := (img*c + ch) * hw
		d, dx := sumDyXc64(x[o:o+hw], dy[o:o+hw], mu)
		sumDy += d
		sumDyXhat += dx * is
	}
	return sumDy, sumDyXhat
}

// The float64 reductions below keep four partial sums, so consecutive
// additions do not wait on each other (a single running sum is bound by the
// latency of one addition per element).

// sum64 returns Σ v.
func sum64(row []float32) float64 {
	s0, _, i := vecSums(row, 0)
	var s1, s2, s3 float64
	for ; i+4 <= len(row); i += 4 {
		r := (*[4]float32)(row[i : i+4])
		s0 += float64(r[0])
		s1 += float64(r[1])
		s2 += float64(r[2])
		s3 += float64(r[3])
	}
	for ; i < len(row); i++ {
		s0 += float64(row[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// sums64 returns Σ v and Σ (v − k)².
func sums64(row []float32, k float64) (s, sq float64) {
	s0, q0, i := vecSums(row, k)
	var s1, q1 float64
	for ; i+2 <= len(row); i += 2 {
		v0, v1 := float64(row[i]), float64(row[i+1])
		d0, d1 := v0-k, v1-k
		s0 += v0
		s1 += v1
		q0 += d0 * d0
		q1 += d1 * d1
	}
	for ; i < len(row); i++ {
		v := float64(row[i])
		s0 += v
		q0 += (v - k) * (v - k)
	}
	return s0 + s1, q0 + q1
}

// sumDyXc64 returns Σ dy and Σ dy·(x − mu).
func sumDyXc64(x, dy []float32, mu float64) (sd, sdx float64) {
	x = x[:len(dy)]
	a0, b0, i := vecDySums(x, dy, mu)
	var a1, b1 float64
	for ; i+2 <= len(dy); i += 2 {
		d0, d1 := float64(dy[i]), float64(dy[i+1])
		a0 += d0
		a1 += d1
		b0 += d0 * (float64(x[i]) - mu)
		b1 += d1 * (float64(x[i+1]) - mu)
	}
	for ; i < len(dy); i++ {
		d := float64(dy[i])
		a0 += d
		b0 += d * (float64(x[i]) - mu)
	}
	return a0 + a1, b0 + b1
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

// BatchNormFold writes the per-channel affine map an eval-mode batch norm
// applies, y = x·scale + shift, computed exactly as BatchNormForward computes
// it, so a convolution with this epilogue equals the convolution followed by
// the batch norm bit for bit. A non-nil bias (the convolution's) is folded in
// too: (x + bias)·scale + shift = x·scale + (bias·scale + shift).
func BatchNormFold(mean, variance, gamma, beta, bias []float32, eps float32, scale, shift []float32) {
	for ch := range scale {
		a := gamma[ch] * invStd(variance[ch], eps)
		scale[ch] = a
		shift[ch] = beta[ch] - mean[ch]*a
		if bias != nil {
			shift[ch] += bias[ch] * a
		}
	}
}
