package cpunet

import (
	"math/rand"
	"testing"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
)

// weightGrad is a parameter and its gradient as a solver reads them.
type weightGrad struct{ w, g *tensor.Dense }

func (p weightGrad) Value() G.Value         { return p.w }
func (p weightGrad) Grad() (G.Value, error) { return p.g, nil }

// Our SGD with momentum must move the weights exactly as gorgonia's
// Momentum did before it (the seeded case-3 losses depend on it), over
// steps with fresh gradients, for two parameters of different sizes.
func TestMomentumMatchesGorgonia(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	random := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return v
	}
	dense := func(v []float32) *tensor.Dense {
		return tensor.New(tensor.WithShape(len(v)), tensor.WithBacking(append([]float32(nil), v...)))
	}
	var theirs, ours []G.ValueGrad
	for _, n := range []int{7, 300} {
		w := random(n)
		theirs = append(theirs, weightGrad{dense(w), dense(make([]float32, n))})
		ours = append(ours, weightGrad{dense(w), dense(make([]float32, n))})
	}
	opt := backend.Optimiser{Rule: cases.Momentum, LR: 0.05, Momentum: 0.9}
	gorgoniaSolver := G.NewMomentum(G.WithLearnRate(opt.LR), G.WithMomentum(opt.Momentum))
	ourSolver := solverOf(opt)
	for step := range 5 {
		for i := range theirs {
			grad := random(theirs[i].(weightGrad).g.Len())
			copy(theirs[i].(weightGrad).g.Data().([]float32), grad)
			copy(ours[i].(weightGrad).g.Data().([]float32), grad)
		}
		if err := gorgoniaSolver.Step(theirs); err != nil {
			t.Fatal(err)
		}
		if err := ourSolver.Step(ours); err != nil {
			t.Fatal(err)
		}
		for i := range theirs {
			want := theirs[i].(weightGrad).w.Data().([]float32)
			got := ours[i].(weightGrad).w.Data().([]float32)
			for j := range want {
				if got[j] != want[j] {
					t.Fatalf("step %d, parameter %d, element %d: %v, gorgonia %v", step, i, j, got[j], want[j])
				}
			}
		}
	}
}
