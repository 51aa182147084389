package cpunet

import (
	"math/rand"
	"testing"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/models"
)

// newSqueezeTrainer is SqueezeNet (random weights, seeded) training every
// parameter with SGD and momentum.
func newSqueezeTrainer(t *testing.T) (*trainer, *models.State) {
	t.Helper()
	net, err := models.New("squeezenet1_1")
	if err != nil {
		t.Fatal(err)
	}
	params := net.Params()
	st, err := models.NewState(params, models.RandomInit(params, rand.New(rand.NewSource(3))), 4)
	if err != nil {
		t.Fatal(err)
	}
	forward := func(be models.Backend, x models.Value) (models.Value, error) {
		return net.Lower(be, x, 0, len(net.Layers))
	}
	group := backend.Group{Match: func(name string) bool {
		p, ok := st.Param(name)
		return ok && p.Learnable()
	}, Optimiser: backend.Optimiser{Rule: cases.Momentum, LR: 0.01, Momentum: 0.9}}
	tr, err := New("").Trainer(st, forward, []backend.Group{group})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tr.Close)
	return tr.(*trainer), st
}

// A trainer's graphs share one memory pool: running the inference graph
// of another batch size between two training steps must leave the second
// step's loss exactly as without it, and the smaller graph must not grow
// the pool.
func TestGraphsShareOnePool(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	shape, small := []int{4, 3, 48, 48}, []int{3, 3, 48, 48}
	x := make([]float32, 4*3*48*48)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	labels := []int{1, 7, 3, 7}
	var second [2]float64
	var pooled [2]int
	for run := range 2 {
		tr, st := newSqueezeTrainer(t)
		st.SetTraining(true)
		if _, _, err := tr.Step(x, shape, labels); err != nil {
			t.Fatal(err)
		}
		pooled[run] = tr.pool.Floats()
		if run == 1 {
			if _, err := tr.Infer(x[:3*3*48*48], small); err != nil {
				t.Fatal(err)
			}
			if got := tr.pool.Floats(); got != pooled[run] {
				t.Errorf("the batch-of-3 inference graph grew the pool from %d to %d values", pooled[run], got)
			}
		}
		st.SetTraining(true)
		loss, _, err := tr.Step(x, shape, labels)
		if err != nil {
			t.Fatal(err)
		}
		second[run] = loss
	}
	if second[0] != second[1] {
		t.Fatalf("second step's loss %v after an inference in between, %v without", second[1], second[0])
	}
	if pooled[0] == 0 {
		t.Fatal("the training graph's ops share no memory")
	}
}
