package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func newBNState(rng *rand.Rand, c int, training bool) *BatchNormState {
	st := &BatchNormState{Mean: randData(rng, c), Var: randData(rng, c), Eps: 1e-5, Momentum: 0.1, Training: training}
	for i := range st.Var {
		st.Var[i] = st.Var[i]*st.Var[i] + 0.5
	}
	return st
}

func TestBatchNormGradients(t *testing.T) {
	for _, training := range []bool{true, false} {
		for _, shape := range [][]int{{3, 4, 3, 2}, {1, 2, 5, 3}, {5, 3, 1, 1}} {
			t.Run(name("train%v_%v", training, shape), func(t *testing.T) {
				rng := rand.New(rand.NewSource(6))
				c := shape[1]
				st := newBNState(rng, c, training)
				x := randTensor(rng, shape...)
				for i, v := range x.Data().([]float32) {
					x.Data().([]float32)[i] = 2*v + 1 // mean and spread away from 0 and 1
				}
				checkGradients(t, gradCase{
					params: []param{{"x", x, true}, {"gamma", randTensor(rng, c), true}, {"beta", randTensor(rng, c), true}},
					build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
						return BatchNorm2d(in[0], in[1], in[2], st)
					},
				})
			})
		}
	}
}

// One graph serves both modes: Training is read at every run. Training runs
// update the running statistics once per run; eval runs leave them alone and
// normalise with them.
func TestBatchNormSwitchesModes(t *testing.T) {
	g := gorgonia.NewGraph()
	// x (4, 1, 1, 1) = [1, 2, 3, 4]: batch mean 2.5, biased var 1.25, unbiased 5/3.
	x := constNode(g, "x", tensor.Shape{4, 1, 1, 1}, 1, 2, 3, 4)
	gamma := constNode(g, "gamma", tensor.Shape{1}, 2)
	beta := constNode(g, "beta", tensor.Shape{1}, 1)
	st := &BatchNormState{Mean: []float32{0}, Var: []float32{1}, Eps: 0, Momentum: 0.1, Training: true}
	y, err := BatchNorm2d(x, gamma, beta, st)
	if err != nil {
		t.Fatal(err)
	}
	var v gorgonia.Value
	gorgonia.Read(y, &v)
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	run := func() []float32 {
		m.Reset()
		if err := m.RunAll(); err != nil {
			t.Fatal(err)
		}
		d, _, err := float32Data("test", "y", v)
		if err != nil {
			t.Fatal(err)
		}
		return append([]float32(nil), d...)
	}
	s := float32(2 / 1.118033988749895) // gamma/sqrt(1.25)
	assertClose(t, "train y", run(), []float32{1 - 1.5*s, 1 - 0.5*s, 1 + 0.5*s, 1 + 1.5*s}, 1e-6)
	assertClose(t, "running mean after 1 run", st.Mean, []float32{0.25}, 1e-6)
	assertClose(t, "running var after 1 run", st.Var, []float32{0.9 + 0.1*5.0/3}, 1e-6)
	run()
	assertClose(t, "running mean after 2 runs", st.Mean, []float32{0.25*0.9 + 0.25}, 1e-6)

	st.Training = false
	st.Mean[0], st.Var[0] = 2, 4
	assertClose(t, "eval y", run(), []float32{0, 1, 2, 3}, 1e-6) // 2·(x−2)/2 + 1
	assertClose(t, "running mean after eval", st.Mean, []float32{2}, 0)
}

func TestBatchNormRejectsBadInput(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{1, 2, 1, 1}, 1, 2)
	two := constNode(g, "two", tensor.Shape{2}, 1, 1)
	three := constNode(g, "three", tensor.Shape{3}, 1, 1, 1)
	good := &BatchNormState{Mean: []float32{0, 0}, Var: []float32{1, 1}, Eps: 1e-5, Momentum: 0.1}
	if _, err := BatchNorm2d(x, three, two, good); err == nil {
		t.Error("BatchNorm2d accepted gamma with 3 channels for a 2-channel input")
	}
	if _, err := BatchNorm2d(x, two, two, &BatchNormState{Mean: []float32{0}, Var: []float32{1}}); err == nil {
		t.Error("BatchNorm2d accepted running statistics with 1 channel for a 2-channel input")
	}
	if _, err := BatchNorm2d(x, two, two, nil); err == nil {
		t.Error("BatchNorm2d accepted a nil state")
	}
	// Training on one value per channel cannot estimate a variance (PyTorch
	// refuses it too): the run fails instead of producing NaNs.
	training := *good
	training.Training = true
	y, err := BatchNorm2d(x, two, two, &training)
	if err != nil {
		t.Fatal(err)
	}
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	if err := m.RunAll(); err == nil {
		t.Errorf("training batch norm on %v ran", y.Shape())
	}
}

// Two layers with equal settings on the same input are different layers:
// gorgonia must not merge them into one node.
func TestBatchNormLayersStayDistinct(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{1, 1, 1, 2}, 1, 3)
	one := constNode(g, "one", tensor.Shape{1}, 1)
	zero := constNode(g, "zero", tensor.Shape{1}, 0)
	a, err := BatchNorm2d(x, one, zero, &BatchNormState{Mean: []float32{0}, Var: []float32{1}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := BatchNorm2d(x, one, zero, &BatchNormState{Mean: []float32{1}, Var: []float32{1}})
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Fatal("two batch-norm layers were merged into one node")
	}
	vals := runAndRead(t, g, a, b)
	va, _, _ := float32Data("test", "a", vals[0])
	vb, _, _ := float32Data("test", "b", vals[1])
	assertClose(t, "a", va, []float32{1, 3}, 1e-4)
	assertClose(t, "b", vb, []float32{0, 2}, 1e-4)
}
