package ops

import (
	"math"
	"math/rand"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func TestSoftmaxCrossEntropyGradients(t *testing.T) {
	for _, n := range []int{1, 5} {
		t.Run(name("batch%d", n), func(t *testing.T) {
			rng := rand.New(rand.NewSource(12))
			labels := make([]float32, n)
			for i := range labels {
				labels[i] = float32(rng.Intn(4))
			}
			checkGradients(t, gradCase{
				params: []param{{"logits", randTensor(rng, n, 4), true}},
				build: func(in []*gorgonia.Node) (*gorgonia.Node, error) {
					l := constNode(in[0].Graph(), "labels", tensor.Shape{n}, labels...)
					return SoftmaxCrossEntropy(in[0], l)
				},
				eps: 1e-3,
			})
		})
	}
}

func TestSoftmaxCrossEntropyValue(t *testing.T) {
	g := gorgonia.NewGraph()
	logits := constNode(g, "logits", tensor.Shape{2, 3}, 1, 2, 3, 1000, 0, -5)
	labels := constNode(g, "labels", tensor.Shape{2}, 2, 1)
	loss, err := SoftmaxCrossEntropy(logits, labels)
	if err != nil {
		t.Fatal(err)
	}
	if !loss.IsScalar() {
		t.Fatalf("loss has shape %v, want a scalar", loss.Shape())
	}
	v, err := scalarData("test", "loss", runAndRead(t, g, loss)[0])
	if err != nil {
		t.Fatal(err)
	}
	// (log(e + e² + e³) − 3 + 1000) / 2: the second row must not overflow.
	want := (math.Log(math.E+math.Exp(2)+math.Exp(3)) - 3 + 1000) / 2
	if math.Abs(float64(v)-want) > 1e-4 {
		t.Fatalf("loss = %v, want %v", v, want)
	}
}

func TestSoftmaxCrossEntropyRejectsBadLabels(t *testing.T) {
	for label, values := range map[string][]float32{"out_of_range": {0, 3}, "negative": {-1, 0}, "fraction": {0, 1.5}} {
		t.Run(label, func(t *testing.T) {
			g := gorgonia.NewGraph()
			logits := constNode(g, "logits", tensor.Shape{2, 3}, 1, 2, 3, 4, 5, 6)
			labels := constNode(g, "labels", tensor.Shape{2}, values...)
			if _, err := SoftmaxCrossEntropy(logits, labels); err != nil {
				t.Fatal(err)
			}
			m := gorgonia.NewTapeMachine(g)
			defer m.Close()
			if err := m.RunAll(); err == nil {
				t.Fatalf("labels %v accepted for 3 classes", values)
			}
		})
	}
	g := gorgonia.NewGraph()
	logits := constNode(g, "logits", tensor.Shape{2, 3}, 1, 2, 3, 4, 5, 6)
	if _, err := SoftmaxCrossEntropy(logits, constNode(g, "l3", tensor.Shape{3}, 0, 1, 2)); err == nil {
		t.Error("3 labels accepted for 2 rows of logits")
	}
}
