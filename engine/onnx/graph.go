package onnx

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"transferlab/engine/models"
	"transferlab/engine/onnx/onnxpb"
	"transferlab/engine/weights"
)

// graph is a models.Backend that records ONNX nodes instead of computing:
// lowering a network onto it yields the network's ONNX graph. Parameters
// become initializers, named by their state_dict entry.
type graph struct {
	tensors weights.StateDict
	nodes   []*onnxpb.NodeProto
	inits   []*onnxpb.TensorProto
	have    map[string]bool // initializers already added
	count   int             // numbers the values the nodes make
}

func newGraph(tensors weights.StateDict) *graph {
	return &graph{tensors: tensors, have: map[string]bool{}}
}

// value is a tensor of the graph: its name and shape. The batch dimension
// is whatever the input's is; the graph's input and output declare it
// symbolic.
type value struct {
	name  string
	shape []int
}

func (v value) Shape() []int { return v.shape }

// in is the graph value behind a lowering argument; anything else is a bug
// in the lowering code.
func in(x models.Value) (value, error) {
	v, ok := x.(value)
	if !ok {
		return value{}, fmt.Errorf("onnx: value of another backend (%T)", x)
	}
	return v, nil
}

// node appends op and returns its single output, of the given shape.
func (g *graph) node(op string, inputs []string, shape []int, attrs ...*onnxpb.AttributeProto) value {
	g.count++
	out := fmt.Sprintf("%s_%d", op, g.count)
	g.nodes = append(g.nodes, &onnxpb.NodeProto{
		Name: proto.String(out), OpType: proto.String(op), Input: inputs, Output: []string{out}, Attribute: attrs,
	})
	return value{out, shape}
}

// params returns the initializer names of a module's state_dict entries, in
// the module's order, adding each tensor the first time.
func (g *graph) params(ps []models.Param) ([]string, error) {
	names := make([]string, len(ps))
	for i, p := range ps {
		if !g.have[p.Name] {
			t, ok := g.tensors[p.Name]
			if !ok {
				return nil, fmt.Errorf("onnx: the classifier has no tensor %q", p.Name)
			}
			g.constant(p.Name, t.Shape, t.Data)
		}
		names[i] = p.Name
	}
	return names, nil
}

// constant adds an initializer under a name no node output uses (node
// outputs are Op_N).
func (g *graph) constant(name string, shape []int, data []float32) string {
	if !g.have[name] {
		g.inits = append(g.inits, floatTensor(name, shape, data))
		g.have[name] = true
	}
	return name
}
