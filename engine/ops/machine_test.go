package ops

import (
	"runtime"
	"testing"
	"weak"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// TestMachineMemoryFreedAtTheNextCollection checks that a machine's graph,
// and the values it holds, are garbage as soon as the machine is dropped:
// one collection frees them. Gorgonia's own constructor sets a finalizer,
// which kept them for a collection more (this test fails with it).
func TestMachineMemoryFreedAtTheNextCollection(t *testing.T) {
	for _, c := range []struct {
		name   string
		build  func(*gorgonia.ExprGraph) gorgonia.VM
		freed1 bool // after one collection
	}{
		{"NewMachine", func(g *gorgonia.ExprGraph) gorgonia.VM { return NewMachine(g) }, true},
		{"gorgonia.NewTapeMachine", func(g *gorgonia.ExprGraph) gorgonia.VM { return gorgonia.NewTapeMachine(g) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			graph := runOnce(t, c.build)
			runtime.GC()
			if freed := graph.Value() == nil; freed != c.freed1 {
				t.Fatalf("graph freed after one collection: %v, want %v", freed, c.freed1)
			}
			runtime.GC()
			runtime.GC()
			if graph.Value() != nil {
				t.Fatal("the graph is still reachable after three collections: something else holds it")
			}
		})
	}
}

// runOnce builds y = x·2 with a 1 MB input, runs it on a machine from
// build, closes the machine and returns a weak pointer to the graph.
func runOnce(t *testing.T, build func(*gorgonia.ExprGraph) gorgonia.VM) weak.Pointer[gorgonia.ExprGraph] {
	t.Helper()
	g := gorgonia.NewGraph()
	x := gorgonia.NewTensor(g, tensor.Float32, 1, gorgonia.WithShape(1<<18),
		gorgonia.WithValue(tensor.New(tensor.WithShape(1<<18), tensor.Of(tensor.Float32))))
	gorgonia.Must(gorgonia.Mul(x, gorgonia.NewScalar(g, tensor.Float32, gorgonia.WithValue(float32(2)))))
	vm := build(g)
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	vm.Close()
	return weak.Make(g)
}
