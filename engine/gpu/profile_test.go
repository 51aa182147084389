package gpu

import (
	"math/rand"
	"strings"
	"testing"

	"transferlab/engine/kernels"
)

// TestProfile books a convolution and a batch norm under their shaders with
// positive times, the convolution with its arithmetic, and leaves the
// results right (profiling must not change what runs).
func TestProfile(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(3))
	g := kernels.ConvGeom{N: 2, C: 3, H: 9, W: 9, OutC: 5, KH: 3, KW: 3, StrideH: 1, StrideW: 1,
		PadH: 1, PadW: 1, DilationH: 1, DilationW: 1, Groups: 1}
	xs, ws := randn(r, g.XSize()), randn(r, g.WSize())
	x, w := upload(t, d, xs, g.N, g.C, g.H, g.W), upload(t, d, ws, g.OutC, g.C, 3, 3)
	p, err := d.StartProfile()
	must(t, err)
	y, err := d.Conv2d(g, x, w, nil, ActNone)
	must(t, err, y)
	mean, variance, err := d.BatchNormStats(g.N, g.OutC, g.OutH()*g.OutW(), y)
	must(t, err, mean, variance)
	must(t, d.StopProfile())
	want := make([]float32, g.YSize())
	kernels.Conv2dFused(g, xs, ws, nil, want)
	expectClose(t, d, "y", y, want)

	var sb strings.Builder
	must(t, p.Write(&sb, 10))
	t.Logf("timed by timestamps: %v\n%s", p.timed, sb.String())
	found := map[string]ProfileEntry{}
	for _, e := range p.Entries() {
		found[strings.Fields(e.Name)[0]] = e
		if e.Count != 1 || e.Seconds <= 0 {
			t.Errorf("%s: %d calls, %g s", e.Name, e.Count, e.Seconds)
		}
	}
	conv := found[gemmKernels[0].conv]
	if wantFlops := 2.0 * float64(g.OutC*g.N*g.OutH()*g.OutW()*g.C*9); conv.Flops != wantFlops {
		t.Errorf("convolution booked %g flops, want %g (entries %v)", conv.Flops, wantFlops, found)
	}
	if _, ok := found["bn_stats"]; !ok {
		t.Errorf("no bn_stats entry in %v", found)
	}
}
