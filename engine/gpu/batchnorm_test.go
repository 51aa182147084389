package gpu

import (
	"fmt"
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
)

// TestBatchNorm checks statistics, the forward pass with each activation,
// the running-statistics update and both backward modes. x has a large
// offset so a one-pass variance would lose digits; one shape has more
// values per channel than a workgroup has invocations.
func TestBatchNorm(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(6))
	const eps = 1e-5
	for _, s := range [][3]int{{2, 3, 25}, {3, 2, 100}} {
		n, c, hw := s[0], s[1], s[2]
		t.Run(fmt.Sprint(s), func(t *testing.T) {
			xs := randn(r, n*c*hw)
			for i := range xs {
				xs[i] = 3*xs[i] + 20
			}
			dys, gs, bs := randn(r, n*c*hw), randn(r, c), randn(r, c)
			x, dy := upload(t, d, xs, n, c, hw), upload(t, d, dys, n, c, hw)
			gamma, beta := upload(t, d, gs, c), upload(t, d, bs, c)

			mean, variance, err := d.BatchNormStats(n, c, hw, x)
			must(t, err, mean, variance)
			wantMean, wantVar := make([]float32, c), make([]float32, c)
			kernels.BatchNormStats(n, c, hw, xs, wantMean, wantVar)
			expectClose(t, d, "mean", mean, wantMean)
			expectClose(t, d, "variance", variance, wantVar)

			for _, act := range []Act{ActNone, ActReLU, ActReLU6} {
				y, err := d.BatchNormForward(n, c, hw, x, mean, variance, gamma, beta, eps, act)
				must(t, err, y)
				want := make([]float32, n*c*hw)
				kernels.BatchNormForward(n, c, hw, xs, wantMean, wantVar, gs, bs, eps, want)
				lo, hi := act.bounds()
				kernels.Clamp(want, lo, hi, want)
				expectClose(t, d, fmt.Sprint("y act ", act), y, want)
			}

			rm, rv := randn(r, c), randn(r, c)
			runMean, runVar := upload(t, d, rm, c), upload(t, d, rv, c)
			if err := d.BatchNormUpdateRunning(n*hw, 0.1, mean, variance, runMean, runVar); err != nil {
				t.Fatal(err)
			}
			kernels.BatchNormUpdateRunning(n*hw, 0.1, wantMean, wantVar, rm, rv)
			expectClose(t, d, "running mean", runMean, rm)
			expectClose(t, d, "running var", runVar, rv)

			for _, training := range []bool{true, false} {
				stats, statsWant := [2]*Tensor{mean, variance}, [2][]float32{wantMean, wantVar}
				if !training {
					stats, statsWant = [2]*Tensor{runMean, runVar}, [2][]float32{rm, rv}
					for i := range rv {
						rv[i] = rv[i]*rv[i] + 0.5 // running variances must be positive
					}
					if err := d.Write(runVar, rv); err != nil {
						t.Fatal(err)
					}
				}
				dx, dg, db, err := d.BatchNormBackward(n, c, hw, training, x, dy, stats[0], stats[1], gamma, eps)
				must(t, err, dx, dg, db)
				want := kernels.BatchNormGrads{DX: make([]float32, n*c*hw), DGamma: make([]float32, c), DBeta: make([]float32, c)}
				kernels.BatchNormBackward(n, c, hw, training, xs, dys, statsWant[0], statsWant[1], gs, eps, want)
				expectClose(t, d, fmt.Sprint("dx training ", training), dx, want.DX)
				expectClose(t, d, fmt.Sprint("dgamma training ", training), dg, want.DGamma)
				expectClose(t, d, fmt.Sprint("dbeta training ", training), db, want.DBeta)
			}
			if err := d.BatchNormUpdateRunning(1, 0.1, mean, variance, runMean, runVar); err == nil {
				t.Error("BatchNormUpdateRunning accepted a count of 1")
			}
		})
	}
}

// TestFoldBatchNorm: a convolution with folded weights gives the
// convolution followed by the inference-mode batch norm, with and without
// the convolution's own bias.
func TestFoldBatchNorm(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(8))
	const eps = 1e-5
	g := kernels.ConvGeom{N: 2, C: 3, H: 9, W: 9, OutC: 5, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
		PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1}
	x, w := upload(t, d, randn(r, g.XSize()), g.N, g.C, g.H, g.W), upload(t, d, randn(r, g.WSize()), g.OutC, g.C, 3, 3)
	vs := randn(r, g.OutC)
	for i := range vs {
		vs[i] = vs[i]*vs[i] + 0.1
	}
	mean, variance := upload(t, d, randn(r, g.OutC), g.OutC), upload(t, d, vs, g.OutC)
	gamma, beta := upload(t, d, randn(r, g.OutC), g.OutC), upload(t, d, randn(r, g.OutC), g.OutC)
	for _, b := range []*Tensor{nil, upload(t, d, randn(r, g.OutC), g.OutC)} {
		y, err := d.Conv2d(g, x, w, b, ActNone)
		must(t, err, y)
		want, err := d.BatchNormForward(g.N, g.OutC, g.OutH()*g.OutW(), y, mean, variance, gamma, beta, eps, ActReLU)
		must(t, err, want)
		w2, b2, err := d.FoldBatchNorm(w, b, mean, variance, gamma, beta, eps)
		must(t, err, w2, b2)
		got, err := d.Conv2d(g, x, w2, b2, ActReLU)
		must(t, err, got)
		expectClose(t, d, fmt.Sprint("folded, bias ", b != nil), got, download(t, d, want))
	}
}
