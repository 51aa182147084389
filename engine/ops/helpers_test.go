package ops

import (
	"fmt"
	"math"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func name(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// constNode is a named float32 input node holding the given values.
func constNode(g *gorgonia.ExprGraph, nodeName string, shape tensor.Shape, values ...float32) *gorgonia.Node {
	return gorgonia.NewTensor(g, tensor.Float32, shape.Dims(), gorgonia.WithShape(shape...),
		gorgonia.WithName(nodeName), gorgonia.WithValue(newDense(shape, values)))
}

// runAndRead runs the graph of n once on a fresh tape machine and returns
// n's value, read through gorgonia.Read: Node.Value after a run can be
// stale in gorgonia v0.9.18.
func runAndRead(t *testing.T, g *gorgonia.ExprGraph, nodes ...*gorgonia.Node) []gorgonia.Value {
	t.Helper()
	vals := make([]gorgonia.Value, len(nodes))
	for i, n := range nodes {
		gorgonia.Read(n, &vals[i])
	}
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	if err := m.RunAll(); err != nil {
		t.Fatalf("running the graph: %v", err)
	}
	return vals
}

// assertValues runs the graph and compares n's shape and values.
func assertValues(t *testing.T, g *gorgonia.ExprGraph, n *gorgonia.Node, shape tensor.Shape, want []float32, tol float64) {
	t.Helper()
	v := runAndRead(t, g, n)[0]
	got, s, err := float32Data("test", n.Name(), v)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Eq(shape) || !n.Shape().Eq(shape) {
		t.Fatalf("shape: value %v, node %v, want %v", s, n.Shape(), shape)
	}
	assertClose(t, n.Name(), got, want, tol)
}

// assertClose fails when got and want differ by more than tol·max(1, |want|).
func assertClose(t *testing.T, what string, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		g, w := float64(got[i]), float64(want[i])
		if math.IsNaN(g) != math.IsNaN(w) || math.Abs(g-w) > tol*math.Max(1, math.Abs(w)) {
			t.Fatalf("%s: element %d = %v, want %v (got %v)", what, i, g, w, got)
		}
	}
}
