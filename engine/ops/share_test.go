package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// tinyNetSteps trains the tiny net for a few SGD steps, its ops' results in
// a shared pool or in buffers of their own, and returns the losses and the
// last step's gradients (from the dual values, as the solvers read them).
func tinyNetSteps(t *testing.T, share bool) (losses []float32, grads [][]float32, pooled, owned int) {
	t.Helper()
	net := newTinyNet(rand.New(rand.NewSource(21)))
	net.bn.Training, net.drop.Training = true, true
	net.drop.Rand = rand.New(rand.NewSource(22))
	g := gorgonia.NewGraph()
	var in, learn gorgonia.Nodes
	for _, p := range net.params {
		n := gorgonia.NewTensor(g, tensor.Float32, p.value.Dims(), gorgonia.WithShape(p.value.Shape()...),
			gorgonia.WithName(p.name), gorgonia.WithValue(p.value.Clone().(*tensor.Dense)))
		in = append(in, n)
		if p.diff {
			learn = append(learn, n)
		}
	}
	loss, err := net.build(in)
	if err != nil {
		t.Fatal(err)
	}
	gradNodes, err := gorgonia.Grad(loss, learn...)
	if err != nil {
		t.Fatal(err)
	}
	var lossV gorgonia.Value
	gorgonia.Read(loss, &lossV)
	m := gorgonia.NewTapeMachine(g, gorgonia.BindDualValues(learn...))
	defer m.Close()
	var pool BufferPool
	if share {
		if err := ShareBuffers(g, m, gradNodes, &pool); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range g.AllNodes() {
		if owns(n) {
			owned += n.Shape().TotalSize()
		}
	}
	solver := gorgonia.NewMomentum(gorgonia.WithLearnRate(0.1), gorgonia.WithMomentum(0.9))
	for step := range 4 {
		if err := m.RunAll(); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		l, err := scalarData("test", "loss", lossV)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, l)
		if step == 3 {
			for _, n := range learn {
				d, err := n.Grad()
				if err != nil {
					t.Fatal(err)
				}
				data, _, _ := float32Data("test", n.Name(), d)
				grads = append(grads, append([]float32(nil), data...))
			}
		}
		if err := solver.Step(gorgonia.NodesToValueGrads(learn)); err != nil {
			t.Fatal(err)
		}
		m.Reset()
	}
	return losses, grads, pool.Floats(), owned
}

// Sharing result memory between ops must not change a single bit of what a
// training step computes (batch norm, dropout, max pool, a residual add whose
// gradient gorgonia accumulates, a reshape), and must hold fewer values than
// one buffer per op.
func TestShareBuffersKeepsResults(t *testing.T) {
	wantLoss, wantGrads, _, owned := tinyNetSteps(t, false)
	gotLoss, gotGrads, pooled, _ := tinyNetSteps(t, true)
	assertClose(t, "losses", gotLoss, wantLoss, 0)
	for i := range wantGrads {
		assertClose(t, name("gradient %d", i), gotGrads[i], wantGrads[i], 0)
	}
	if pooled == 0 || pooled >= owned {
		t.Fatalf("pool holds %d values, one buffer per op %d: want fewer, not none", pooled, owned)
	}
	t.Logf("pool %d values, one buffer per op %d", pooled, owned)
}

// The arena plan never lets two results alive at the same time overlap,
// and for a chain of results each alive with the next only it needs no more
// than the largest pair of neighbours.
func TestArrangeKeepsLiveResultsApart(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	var results []*lifetime
	for range 300 {
		from := rng.Intn(200)
		results = append(results, &lifetime{from: from, to: from + rng.Intn(30), size: (1 + rng.Intn(100)) * align})
	}
	end := arrange(results)
	total := 0
	for i, a := range results {
		total += a.size
		if a.offset < 0 || a.offset+a.size > end || a.offset%align != 0 {
			t.Fatalf("result %d at %d..%d, arena %d", i, a.offset, a.offset+a.size, end)
		}
		for j, b := range results[:i] {
			meet := a.from <= b.to && b.from <= a.to
			apart := a.offset+a.size <= b.offset || b.offset+b.size <= a.offset
			if meet && !apart {
				t.Fatalf("results %d (%d..%d, at %d+%d) and %d (%d..%d, at %d+%d) are alive together in the same memory",
					i, a.from, a.to, a.offset, a.size, j, b.from, b.to, b.offset, b.size)
			}
		}
	}
	if end >= total {
		t.Fatalf("arena of %d for results of %d in all: nothing shared", end, total)
	}
	chain := []*lifetime{{from: 0, to: 1, size: 64}, {from: 1, to: 2, size: 16}, {from: 2, to: 3, size: 48}, {from: 3, to: 4, size: 32}}
	if end := arrange(chain); end != 64+16 {
		t.Fatalf("chain of 64, 16, 48, 32 alive in pairs: arena %d, want %d", end, 64+16)
	}
}
