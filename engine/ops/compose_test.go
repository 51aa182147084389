package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Models build fire modules with gorgonia's Concat on axis 1 and residual
// blocks with gorgonia's Add; check their gradients on 4-D tensors between
// our ops.
func TestConcatAxis1Gradients(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	checkGradients(t, gradCase{
		params: []param{
			{"a", randTensor(rng, 2, 3, 3, 2), true},
			{"b", randTensor(rng, 2, 1, 3, 2), true},
			{"w", randTensor(rng, 2, 4, 1, 1), true},
		},
		build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			cat, err := gorgonia.Concat(1, in[0], in[1])
			if err != nil {
				return nil, err
			}
			return Conv2d(cat, in[2], ConvOpts{})
		},
	})
}

func TestResidualAddGradients(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	checkGradients(t, gradCase{
		params: []param{{"x", randTensor(rng, 2, 3, 4, 4), true}, {"w", randTensor(rng, 3, 3, 3, 3), true}},
		build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
			y, err := Conv2d(in[0], in[1], ConvOpts{PadH: 1, PadW: 1})
			if err != nil {
				return nil, err
			}
			return gorgonia.Add(y, in[0])
		},
	})
}

// tinyNet is a miniature of the models: conv+bias → batch norm → ReLU →
// max pool (ceil) → depthwise conv → ReLU6 → residual add → global average
// pool → flatten → dropout → linear → cross-entropy.
type tinyNet struct {
	params []param
	bn     *BatchNormState
	drop   *DropoutState
	labels []float32
}

func newTinyNet(rng *rand.Rand) *tinyNet {
	scaled := func(s float32, shape ...int) *tensor.Dense {
		d := randTensor(rng, shape...)
		for i, v := range d.Data().([]float32) {
			d.Data().([]float32)[i] = v * s
		}
		return d
	}
	return &tinyNet{
		params: []param{
			{"x", randTensor(rng, 4, 3, 7, 6), false},
			{"conv1.weight", scaled(0.5, 4, 3, 3, 3), true},
			{"conv1.bias", scaled(0.1, 4), true},
			{"bn1.weight", scaled(0.2, 4), true},
			{"bn1.bias", scaled(0.2, 4), true},
			{"dw.weight", scaled(0.5, 4, 1, 3, 3), true},
			{"fc.weight", scaled(0.5, 3, 4), true},
			{"fc.bias", scaled(0.1, 3), true},
		},
		bn:     &BatchNormState{Mean: make([]float32, 4), Var: []float32{1, 1, 1, 1}, Eps: 1e-5, Momentum: 0.1, Training: true},
		drop:   &DropoutState{Training: false},
		labels: []float32{0, 2, 1, 2},
	}
}

func (n *tinyNet) build(in []*gorgonia.Node) (*gorgonia.Node, error) {
	steps := []func(*gorgonia.Node) (*gorgonia.Node, error){
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return Conv2d(h, in[1], ConvOpts{PadH: 1, PadW: 1}) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return AddChannelBias(h, in[2]) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return BatchNorm2d(h, in[3], in[4], n.bn) },
		ReLU,
		func(h *gorgonia.Node) (*gorgonia.Node, error) {
			return MaxPool2d(h, PoolOpts{KernelH: 3, KernelW: 3, StrideH: 2, StrideW: 2, CeilMode: true})
		},
		func(h *gorgonia.Node) (*gorgonia.Node, error) {
			d, err := Conv2d(h, in[5], ConvOpts{PadH: 1, PadW: 1, Groups: 4})
			if err != nil {
				return nil, err
			}
			if d, err = ReLU6(d); err != nil {
				return nil, err
			}
			return gorgonia.Add(d, h)
		},
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return AdaptiveAvgPool2d(h, 1, 1) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return gorgonia.Reshape(h, tensor.Shape{4, 4}) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return Dropout(h, 0.5, n.drop) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) { return Linear(h, in[6], in[7]) },
		func(h *gorgonia.Node) (*gorgonia.Node, error) {
			return SoftmaxCrossEntropy(h, constNode(h.Graph(), "labels", tensor.Shape{4}, n.labels...))
		},
	}
	h := in[0]
	for _, step := range steps {
		var err error
		if h, err = step(h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

func TestTinyNetGradients(t *testing.T) {
	net := newTinyNet(rand.New(rand.NewSource(15)))
	checkGradients(t, gradCase{params: net.params, build: net.build, eps: 1e-3, tol: 2e-2})
}

// Training the tiny net with gorgonia's solver through dual values (the way
// package train will) must lower the loss, and the dual values must hold the
// same gradients as the gradient nodes.
func TestTinyNetTrainsWithSolver(t *testing.T) {
	net := newTinyNet(rand.New(rand.NewSource(16)))
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
	grads, err := gorgonia.Grad(loss, learn...)
	if err != nil {
		t.Fatal(err)
	}
	var lossV, fcGrad gorgonia.Value
	gorgonia.Read(loss, &lossV)
	gorgonia.Read(grads[len(grads)-2], &fcGrad)
	m := gorgonia.NewTapeMachine(g, gorgonia.BindDualValues(learn...))
	defer m.Close()
	solver := gorgonia.NewVanillaSolver(gorgonia.WithLearnRate(0.2))
	var losses []float32
	for step := range 30 {
		if err := m.RunAll(); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		l, err := scalarData("test", "loss", lossV)
		if err != nil {
			t.Fatal(err)
		}
		losses = append(losses, l)
		if step == 0 {
			dual, err := learn[len(learn)-2].Grad()
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := float32Data("test", "fc.weight gradient node", fcGrad)
			got, _, _ := float32Data("test", "fc.weight dual value", dual)
			assertClose(t, "fc.weight gradient", got, want, 1e-6)
		}
		if err := solver.Step(gorgonia.NodesToValueGrads(learn)); err != nil {
			t.Fatal(err)
		}
		m.Reset()
	}
	if first, last := losses[0], losses[len(losses)-1]; !(last < 0.5*first) {
		t.Fatalf("loss went from %v to %v in 30 steps, want it at least halved: %v", first, last, losses)
	}
}
