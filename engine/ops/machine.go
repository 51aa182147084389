package ops

import (
	"runtime"

	G "gorgonia.org/gorgonia"
)

// NewMachine compiles g into gorgonia's tape machine, without the finalizer
// gorgonia sets on it. Outside CUDA builds that finalizer does nothing, but
// an object with a finalizer keeps everything it reaches alive for one more
// garbage collection: the graph, its values and the BufferPool slots its ops
// write into, hundreds of MB for a network. A closed runner's memory then
// stayed taken until the collection after next, so runs one after another
// (the advice asked again as pictures arrive, feature extraction then the
// head's training) piled up, and an idle app held what the last run used.
func NewMachine(g *G.ExprGraph, opts ...G.VMOpt) G.VM {
	vm := G.NewTapeMachine(g, opts...)
	runtime.SetFinalizer(vm, nil)
	return vm
}
