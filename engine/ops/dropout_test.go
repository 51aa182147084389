package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func TestDropoutEvalIsIdentity(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{2, 3}, 1, 2, 3, 4, 5, 6)
	y, err := Dropout(x, 0.5, &DropoutState{Training: false})
	if err != nil {
		t.Fatal(err)
	}
	assertValues(t, g, y, tensor.Shape{2, 3}, []float32{1, 2, 3, 4, 5, 6}, 0)
}

// In training mode about p of the elements are zeroed and the others are
// scaled by 1/(1−p); the gradient is masked and scaled identically.
func TestDropoutTrainingMaskAndGradient(t *testing.T) {
	const n, p = 4000, 0.3
	g := gorgonia.NewGraph()
	ones := make([]float32, n)
	for i := range ones {
		ones[i] = 1
	}
	x := constNode(g, "x", tensor.Shape{n}, ones...)
	st := &DropoutState{Training: true, Rand: rand.New(rand.NewSource(7))}
	y, err := Dropout(x, p, st)
	if err != nil {
		t.Fatal(err)
	}
	cost, err := gorgonia.Sum(y)
	if err != nil {
		t.Fatal(err)
	}
	grads, err := gorgonia.Grad(cost, x)
	if err != nil {
		t.Fatal(err)
	}
	vals := runAndRead(t, g, y, grads[0])
	yv, _, _ := float32Data("test", "y", vals[0])
	dx, _, _ := float32Data("test", "dx", vals[1])
	zeros := 0
	for i, v := range yv {
		switch v {
		case 0:
			zeros++
		case float32(1 / (1 - p)):
		default:
			t.Fatalf("y[%d] = %v, want 0 or %v", i, v, 1/(1-p))
		}
		if dx[i] != v { // d Σy / dx = mask, the same mask as the forward pass
			t.Fatalf("dx[%d] = %v but y[%d] = %v: the gradient used another mask", i, dx[i], i, v)
		}
	}
	if frac := float64(zeros) / n; frac < 0.27 || frac > 0.33 {
		t.Fatalf("%.3f of the elements dropped, want about %v", frac, p)
	}
}

// With the random source re-seeded before every run the mask is fixed, so
// finite differences apply.
func TestDropoutGradientsFixedMask(t *testing.T) {
	st := &DropoutState{Training: true}
	rng := rand.New(rand.NewSource(8))
	checkGradients(t, gradCase{
		params: []param{{"x", randTensor(rng, 3, 4, 2, 2), true}},
		build:  func(in []*gorgonia.Node) (*gorgonia.Node, error) { return Dropout(in[0], 0.4, st) },
		before: func() { st.Rand = rand.New(rand.NewSource(9)) },
	})
}

func TestDropoutEdgeProbabilities(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{4}, 1, 2, 3, 4)
	st := &DropoutState{Training: true, Rand: rand.New(rand.NewSource(10))}
	keep, err := Dropout(x, 0, st)
	if err != nil {
		t.Fatal(err)
	}
	drop, err := Dropout(x, 1, st)
	if err != nil {
		t.Fatal(err)
	}
	vals := runAndRead(t, g, keep, drop)
	k, _, _ := float32Data("test", "p=0", vals[0])
	d, _, _ := float32Data("test", "p=1", vals[1])
	assertClose(t, "p=0", k, []float32{1, 2, 3, 4}, 0)
	assertClose(t, "p=1", d, []float32{0, 0, 0, 0}, 0)

	for _, p := range []float64{-0.1, 1.5} {
		if _, err := Dropout(x, p, st); err == nil {
			t.Errorf("Dropout accepted p = %v", p)
		}
	}
	if _, err := Dropout(x, 0.5, nil); err == nil {
		t.Error("Dropout accepted a nil state")
	}
}

func TestDropoutTrainingNeedsRand(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{4}, 1, 2, 3, 4)
	if _, err := Dropout(x, 0.5, &DropoutState{Training: true}); err != nil {
		t.Fatal(err)
	}
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	if err := m.RunAll(); err == nil {
		t.Fatal("training-mode dropout ran without a random source")
	}
}

// Two dropout layers on the same input draw different masks.
func TestDropoutLayersStayDistinct(t *testing.T) {
	g := gorgonia.NewGraph()
	ones := make([]float32, 64)
	for i := range ones {
		ones[i] = 1
	}
	x := constNode(g, "x", tensor.Shape{64}, ones...)
	st := &DropoutState{Training: true, Rand: rand.New(rand.NewSource(11))}
	a, err := Dropout(x, 0.5, st)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Dropout(x, 0.5, st)
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two dropout layers were merged into one node")
	}
	vals := runAndRead(t, g, a, b)
	va, _, _ := float32Data("test", "a", vals[0])
	vb, _, _ := float32Data("test", "b", vals[1])
	same := 0
	for i := range va {
		if va[i] == vb[i] {
			same++
		}
	}
	if same == len(va) {
		t.Fatal("two dropout layers drew the same mask")
	}
}

// The mask is drawn as rand.Float64() ≥ p would draw it, element by
// element: seeded training runs (the whole-network loss golden) depend on it.
func TestDropoutMaskDrawnAsFloat64Would(t *testing.T) {
	const n = 100_000
	for _, p := range []float64{0.5, 0.1, 0.9, 1.0 / 3} {
		op := &dropoutOp{p: p, st: &DropoutState{Training: true, Rand: rand.New(rand.NewSource(3))}, mask: &dropoutMask{}}
		if err := op.drawMask(n); err != nil {
			t.Fatal(err)
		}
		ref := rand.New(rand.NewSource(3))
		for i, s := range op.mask.scale {
			if kept := ref.Float64() >= p; kept != (s != 0) {
				t.Fatalf("p=%v: element %d kept=%v, rand.Float64 says %v", p, i, s != 0, kept)
			}
		}
	}
}

// firstInt63AtLeast sits exactly on the boundary rand.Float64 draws:
// random elements would almost never land near it.
func TestFirstInt63AtLeastIsTheBoundary(t *testing.T) {
	for _, p := range []float64{0.5, 0.1, 0.9, 1.0 / 3, 1} {
		v := firstInt63AtLeast(p)
		if float64(v)/(1<<63) < p || float64(v-1)/(1<<63) >= p {
			t.Errorf("p=%v: %d is not the first Int63 with Int63/2⁶³ ≥ p", p, v)
		}
	}
}
