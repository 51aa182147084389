package ops

import (
	"math"
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// param is one input of a graph under test: its value and whether the
// gradient check differentiates with respect to it.
type param struct {
	name  string
	value *tensor.Dense
	diff  bool
}

// gradCase is a tiny graph: build applies the op under test to the input
// nodes (in params order).
type gradCase struct {
	params []param
	build  func(in []*gorgonia.Node) (*gorgonia.Node, error)
	eps    float64 // finite-difference step; 1e-2 when zero
	tol    float64 // relative tolerance; 1e-2 when zero
	// before runs before every forward pass (e.g. to re-seed dropout so the
	// finite differences see the same mask as the analytic gradient).
	before func()
}

// gradHarness holds the compiled graph of a gradCase:
//
//	out = op(inputs…);  cost = Σ out ⊙ R
//
// with R a fixed random tensor (so every output element gets a different
// upstream gradient), or cost = out when the op already returns a scalar.
type gradHarness struct {
	c      gradCase
	nodes  []*gorgonia.Node
	r      []float32 // R, nil for scalar ops
	out    gorgonia.Value
	grads  []gorgonia.Value
	m      gorgonia.VM
	params []param
}

func newGradHarness(t *testing.T, c gradCase, rng *rand.Rand) *gradHarness {
	t.Helper()
	h := &gradHarness{c: c, params: c.params}
	g := gorgonia.NewGraph()
	var wrt gorgonia.Nodes
	for _, p := range c.params {
		n := gorgonia.NewTensor(g, tensor.Float32, p.value.Dims(), gorgonia.WithShape(p.value.Shape()...),
			gorgonia.WithName(p.name), gorgonia.WithValue(p.value.Clone().(*tensor.Dense)))
		h.nodes = append(h.nodes, n)
		if p.diff {
			wrt = append(wrt, n)
		}
	}
	out, err := c.build(h.nodes)
	if err != nil {
		t.Fatalf("building the graph: %v", err)
	}
	cost := out
	if !out.IsScalar() {
		h.r = randData(rng, out.Shape().TotalSize())
		r := gorgonia.NewTensor(g, tensor.Float32, out.Dims(), gorgonia.WithShape(out.Shape()...),
			gorgonia.WithName("R"), gorgonia.WithValue(newDense(out.Shape(), h.r)))
		if cost, err = gorgonia.HadamardProd(out, r); err == nil {
			cost, err = gorgonia.Sum(cost)
		}
		if err != nil {
			t.Fatalf("building the cost: %v", err)
		}
	}
	grads, err := gorgonia.Grad(cost, wrt...)
	if err != nil {
		t.Fatalf("gorgonia.Grad: %v", err)
	}
	gorgonia.Read(out, &h.out)
	h.grads = make([]gorgonia.Value, len(grads))
	for i, gn := range grads {
		gorgonia.Read(gn, &h.grads[i])
	}
	h.m = gorgonia.NewTapeMachine(g)
	t.Cleanup(func() { h.m.Close() })
	return h
}

// run executes the graph once and returns the loss Σ out·R in float64,
// computed from the float32 forward values.
func (h *gradHarness) run(t *testing.T) float64 {
	t.Helper()
	if h.c.before != nil {
		h.c.before()
	}
	h.m.Reset()
	if err := h.m.RunAll(); err != nil {
		t.Fatalf("running the graph: %v", err)
	}
	if h.r == nil {
		s, err := scalarData("test", "loss", h.out)
		if err != nil {
			t.Fatal(err)
		}
		return float64(s)
	}
	data, _, err := float32Data("test", "output", h.out)
	if err != nil {
		t.Fatal(err)
	}
	var loss float64
	for i, v := range data {
		loss += float64(v) * float64(h.r[i])
	}
	return loss
}

// checkGradients compares gorgonia's symbolic gradients with central finite
// differences of the float64 loss, on every element of small inputs and on a
// fixed random sample of 64 elements of larger ones.
func checkGradients(t *testing.T, c gradCase) {
	t.Helper()
	rng := rand.New(rand.NewSource(42))
	h := newGradHarness(t, c, rng)
	h.run(t)
	analytic := make([][]float32, len(h.grads))
	for i, gv := range h.grads {
		d, _, err := float32Data("test", "gradient", gv)
		if err != nil {
			t.Fatal(err)
		}
		analytic[i] = append([]float32(nil), d...)
	}
	eps, tol := c.eps, c.tol
	if eps == 0 {
		eps = 1e-2
	}
	if tol == 0 {
		tol = 1e-2
	}
	k := 0
	for pi, p := range c.params {
		if !p.diff {
			continue
		}
		numeric := h.numericGrad(t, pi, eps, rng)
		for idx, num := range numeric {
			got := float64(analytic[k][idx])
			if math.Abs(got-num) > tol*math.Max(math.Abs(num), 1e-1) {
				t.Errorf("d loss/d %s[%d]: symbolic %.6g, finite difference %.6g", p.name, idx, got, num)
			}
		}
		k++
	}
}

// numericGrad perturbs elements of parameter pi by ±eps and returns the
// central differences by element index.
func (h *gradHarness) numericGrad(t *testing.T, pi int, eps float64, rng *rand.Rand) map[int]float64 {
	t.Helper()
	base := h.params[pi].value.Data().([]float32)
	idx := rng.Perm(len(base))
	if len(idx) > 64 {
		idx = idx[:64]
	}
	out := make(map[int]float64, len(idx))
	for _, i := range idx {
		lossAt := func(delta float64) float64 {
			v := append([]float32(nil), base...)
			v[i] = float32(float64(v[i]) + delta)
			if err := gorgonia.Let(h.nodes[pi], newDense(h.params[pi].value.Shape(), v)); err != nil {
				t.Fatal(err)
			}
			return h.run(t)
		}
		// float32 rounding of v[i]±eps: use the step actually taken.
		up, down := float32(float64(base[i])+eps), float32(float64(base[i])-eps)
		out[i] = (lossAt(eps) - lossAt(-eps)) / (float64(up) - float64(down))
	}
	if err := gorgonia.Let(h.nodes[pi], h.params[pi].value.Clone().(*tensor.Dense)); err != nil {
		t.Fatal(err)
	}
	return out
}

func randData(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = rng.Float32()*2 - 1
	}
	return s
}

// randTensor is a float32 tensor of the given shape with values in [-1, 1).
func randTensor(rng *rand.Rand, shape ...int) *tensor.Dense {
	return newDense(shape, randData(rng, tensor.Shape(shape).TotalSize()))
}
