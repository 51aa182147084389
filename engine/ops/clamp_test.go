package ops

import (
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// awayFromKinks returns values in [-9, 9] at least 0.05 away from 0 and 6,
// where ReLU and ReLU6 are not differentiable.
func awayFromKinks(rng *rand.Rand, shape ...int) *tensor.Dense {
	v := make([]float32, tensor.Shape(shape).TotalSize())
	for i := range v {
		for {
			x := rng.Float32()*18 - 9
			if abs32(x) > 0.05 && abs32(x-6) > 0.05 {
				v[i] = x
				break
			}
		}
	}
	return newDense(shape, v)
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestClampGradients(t *testing.T) {
	for label, f := range map[string]func(*gorgonia.Node) (*gorgonia.Node, error){"relu": ReLU, "relu6": ReLU6} {
		for _, shape := range [][]int{{2, 3, 4, 5}, {7, 3}} {
			t.Run(name("%s_%v", label, shape), func(t *testing.T) {
				rng := rand.New(rand.NewSource(5))
				checkGradients(t, gradCase{
					params: []param{{"x", awayFromKinks(rng, shape...), true}},
					build:  func(in []*gorgonia.Node) (*gorgonia.Node, error) { return f(in[0]) },
				})
			})
		}
	}
}

func TestClampForward(t *testing.T) {
	g := gorgonia.NewGraph()
	x := constNode(g, "x", tensor.Shape{1, 2, 1, 3}, -1, 0, 2, 5.5, 6, 7.5)
	r, err := ReLU(x)
	if err != nil {
		t.Fatal(err)
	}
	r6, err := ReLU6(x)
	if err != nil {
		t.Fatal(err)
	}
	vals := runAndRead(t, g, r, r6)
	got, _, _ := float32Data("test", "relu", vals[0])
	assertClose(t, "relu", got, []float32{0, 0, 2, 5.5, 6, 7.5}, 0)
	got, _, _ = float32Data("test", "relu6", vals[1])
	assertClose(t, "relu6", got, []float32{0, 0, 2, 5.5, 6, 6}, 0)
}

// Float64 graphs are refused when the node is built, with the node named.
func TestOpsRejectFloat64(t *testing.T) {
	g := gorgonia.NewGraph()
	x := gorgonia.NewTensor(g, tensor.Float64, 4, gorgonia.WithShape(1, 1, 2, 2), gorgonia.WithName("x64"))
	if _, err := ReLU(x); err == nil {
		t.Fatal("ReLU accepted a float64 input")
	} else if want := "ops.ReLU: input x64 is float64, want float32"; err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
}
