package kernels

import (
	"math"
	"math/rand"
	"testing"
)

// bnRef64 is a float64 reference of batch norm: it normalises with the batch
// statistics (training) or with the given ones, and returns Σ y·r for a fixed
// tensor r, the scalar whose gradient the tests take numerically.
func bnRef64(n, c, hw int, training bool, x, mean, variance, gamma, beta []float64, eps float64, r []float64) float64 {
	var loss float64
	for ch := range c {
		mu, v := mean[ch], variance[ch]
		if training {
			mu, v = 0, 0
			for img := range n {
				for i := range hw {
					mu += x[(img*c+ch)*hw+i]
				}
			}
			mu /= float64(n * hw)
			for img := range n {
				for i := range hw {
					d := x[(img*c+ch)*hw+i] - mu
					v += d * d
				}
			}
			v /= float64(n * hw)
		}
		for img := range n {
			for i := range hw {
				o := (img*c+ch)*hw + i
				loss += r[o] * (gamma[ch]*(x[o]-mu)/math.Sqrt(v+eps) + beta[ch])
			}
		}
	}
	return loss
}

func to64(s []float32) []float64 {
	out := make([]float64, len(s))
	for i, v := range s {
		out[i] = float64(v)
	}
	return out
}

// numGrad differentiates f at p (which it perturbs in place) by central
// differences in float64.
func numGrad(p []float64, f func() float64) []float32 {
	const h = 1e-6
	g := make([]float32, len(p))
	for i := range p {
		old := p[i]
		p[i] = old + h
		up := f()
		p[i] = old - h
		down := f()
		p[i] = old
		g[i] = float32((up - down) / (2 * h))
	}
	return g
}

func TestBatchNormForwardAndBackward(t *testing.T) {
	const eps = 1e-5
	rng := rand.New(rand.NewSource(8))
	for _, s := range [][3]int{{5, 3, 7}, {1, 4, 6}, {2, 2, 1}, {3, 1, 10}} {
		n, c, hw := s[0], s[1], s[2]
		for _, training := range []bool{true, false} {
			t.Run(name("%v_train%v", s, training), func(t *testing.T) {
				x, dy := randSlice(rng, n*c*hw), randSlice(rng, n*c*hw)
				for i := range x {
					x[i] = 3*x[i] + 2 // a mean far from 0 exercises the two-pass variance
				}
				gamma, beta := randSlice(rng, c), randSlice(rng, c)
				mean, variance := randSlice(rng, c), randSlice(rng, c)
				for i := range variance {
					variance[i] = variance[i]*variance[i] + 0.5
				}
				if training {
					BatchNormStats(n, c, hw, x, mean, variance)
				}
				x64, g64, b64 := to64(x), to64(gamma), to64(beta)
				m64, v64, r64 := to64(mean), to64(variance), to64(dy)
				loss := func() float64 { return bnRef64(n, c, hw, training, x64, m64, v64, g64, b64, eps, r64) }

				y := make([]float32, n*c*hw)
				BatchNormForward(n, c, hw, x, mean, variance, gamma, beta, eps, y)
				if got, want := dot(y, dy), loss(); abs(got-want) > 1e-5*max(1, abs(want)) {
					t.Fatalf("forward: Σ y·r = %v, reference %v", got, want)
				}
				out := BatchNormGrads{DX: make([]float32, n*c*hw), DGamma: make([]float32, c), DBeta: make([]float32, c)}
				BatchNormBackward(n, c, hw, training, x, dy, mean, variance, gamma, eps, out)
				assertClose(t, "dx", out.DX, numGrad(x64, loss), 2e-4)
				assertClose(t, "dgamma", out.DGamma, numGrad(g64, loss), 2e-4)
				assertClose(t, "dbeta", out.DBeta, numGrad(b64, loss), 2e-4)
			})
		}
	}
}

// Values printed by torch 1.13: bn = nn.BatchNorm2d(2); bn.running_var.fill_(2.)
// (running_mean 0); bn.train(); bn(x) with x = arange(12.).reshape(3,2,2,1).
// Batch means 4.5 and 6.5, biased variance 10.9167 (= 131/12), unbiased 13.1
// (count 6); then running_mean = [0.45, 0.65], running_var = [3.11, 3.11].
func TestBatchNormStatsAndRunningUpdateMatchTorch(t *testing.T) {
	x := make([]float32, 12)
	for i := range x {
		x[i] = float32(i)
	}
	mean, variance := make([]float32, 2), make([]float32, 2)
	BatchNormStats(3, 2, 2, x, mean, variance)
	assertClose(t, "mean", mean, []float32{4.5, 6.5}, 1e-7)
	assertClose(t, "variance", variance, []float32{131.0 / 12, 131.0 / 12}, 1e-6)
	runMean, runVar := []float32{0, 0}, []float32{2, 2}
	BatchNormUpdateRunning(6, 0.1, mean, variance, runMean, runVar)
	assertClose(t, "running_mean", runMean, []float32{0.45, 0.65}, 1e-6)
	assertClose(t, "running_var", runVar, []float32{3.11, 3.11}, 1e-6)
}

func TestBatchNormBackwardSkipsNilOutputs(t *testing.T) {
	x, dy := []float32{1, 2, 3, 4}, []float32{1, -1, 2, 0.5}
	db := make([]float32, 1)
	BatchNormBackward(4, 1, 1, true, x, dy, []float32{2.5}, []float32{1.25}, []float32{1}, 1e-5,
		BatchNormGrads{DBeta: db})
	assertClose(t, "dbeta", db, []float32{2.5}, 1e-7)
}

// A channel far from zero (mean 1000, spread 0.001, the first image's row
// offset from the others) keeps its small variance: the statistics equal a
// float64 two-pass reference to float32 rounding.
func TestBatchNormStatsLargeMean(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	n, c, hw := 3, 2, 37
	x := make([]float32, n*c*hw)
	for i := range x {
		x[i] = float32(1000 + 0.001*rng.NormFloat64())
		if i < c*hw { // image 0: its rows (the shifts) sit off the batch mean
			x[i] += 0.005
		}
	}
	mean, variance := make([]float32, c), make([]float32, c)
	BatchNormStats(n, c, hw, x, mean, variance)
	for ch := range c {
		var mu, v float64
		eachChannelRow(n, c, hw, ch, x, func(row []float32) {
			for _, e := range row {
				mu += float64(e)
			}
		})
		mu /= float64(n * hw)
		eachChannelRow(n, c, hw, ch, x, func(row []float32) {
			for _, e := range row {
				v += (float64(e) - mu) * (float64(e) - mu)
			}
		})
		v /= float64(n * hw)
		if mean[ch] != float32(mu) || math.Abs(float64(variance[ch])-v) > 1e-6*v {
			t.Fatalf("channel %d: mean %v variance %v, want %v %v", ch, mean[ch], variance[ch], float32(mu), v)
		}
	}
}
