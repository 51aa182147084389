package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func TestLinearForward(t *testing.T) {
	g := gorgonia.NewGraph()
	// x (2,3), w (Out=2, In=3) in torch layout, b (2).
	x := constNode(g, "x", tensor.Shape{2, 3}, 1, 2, 3, 4, 5, 6)
	w := constNode(g, "w", tensor.Shape{2, 3}, 1, 0, -1, 0.5, 0.5, 0.5)
	b := constNode(g, "b", tensor.Shape{2}, 10, 20)
	y, err := Linear(x, w, b)
	if err != nil {
		t.Fatal(err)
	}
	// Row 1: [1-3, 3] + b; row 2: [4-6, 7.5] + b.
	assertValues(t, g, y, tensor.Shape{2, 2}, []float32{8, 23, 8, 27.5}, 0)
	if _, err := Linear(x, b, nil); err == nil {
		t.Fatal("Linear accepted a 1-D weight")
	}
	if _, err := Linear(x, constNode(g, "w2", tensor.Shape{2, 4}, make([]float32, 8)...), nil); err == nil {
		t.Fatal("Linear accepted a weight with 4 input features for 3-feature input")
	}
}

func TestLinearGradients(t *testing.T) {
	for _, withBias := range []bool{true, false} {
		for _, n := range []int{1, 5} {
			t.Run(name("bias%v_batch%d", withBias, n), func(t *testing.T) {
				rng := rand.New(rand.NewSource(2))
				params := []param{{"x", randTensor(rng, n, 7), true}, {"w", randTensor(rng, 3, 7), true}}
				if withBias {
					params = append(params, param{"b", randTensor(rng, 3), true})
				}
				checkGradients(t, gradCase{params: params, build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					var b *gorgonia.Node
					if withBias {
						b = in[2]
					}
					return Linear(in[0], in[1], b)
				}})
			})
		}
	}
}

// Every transposition variant of matMulOp is differentiable (its gradients
// use the other variants), so check all four.
func TestMatMulVariantsGradients(t *testing.T) {
	for _, tr := range [][2]bool{{false, false}, {false, true}, {true, false}, {true, true}} {
		t.Run(name("tA%v_tB%v", tr[0], tr[1]), func(t *testing.T) {
			rng := rand.New(rand.NewSource(3))
			a, b := []int{4, 3}, []int{3, 5}
			if tr[0] {
				a = []int{3, 4}
			}
			if tr[1] {
				b = []int{5, 3}
			}
			checkGradients(t, gradCase{
				params: []param{{"a", randTensor(rng, a...), true}, {"b", randTensor(rng, b...), true}},
				build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					return gorgonia.ApplyOp(&matMulOp{transA: tr[0], transB: tr[1]}, in[0], in[1])
				},
			})
		})
	}
}
