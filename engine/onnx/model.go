package onnx

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"google.golang.org/protobuf/proto"

	"transferlab/engine/models"
	"transferlab/engine/onnx/onnxpb"
	"transferlab/engine/train"
)

// Opset and IRVersion are what the files declare: opset 13 has every op the
// six networks need (Clip with input bounds, Softmax on one axis), and IR 7
// is the version that goes with it, so older runtimes read the files too.
const (
	Opset     = 13
	IRVersion = 7
)

// The names of the model's input and output, which programs feed and fetch.
const (
	InputName  = "input"
	OutputName = "probabilities"
)

// Model is the ONNX model of the whole classifier: float32 pictures
// (batch, 3, crop, crop), already resized, cropped and normalised as its
// metadata says, in; class probabilities (batch, classes) out.
func Model(c *train.Classifier) (*onnxpb.ModelProto, error) {
	g := newGraph(c.Tensors())
	s := c.Transform.Crop
	logits, err := c.Forward(g, value{InputName, []int{1, 3, s, s}})
	if err != nil {
		return nil, fmt.Errorf("onnx: %w", err)
	}
	if err := g.softmax(logits); err != nil {
		return nil, err
	}
	return &onnxpb.ModelProto{
		IrVersion:     proto.Int64(IRVersion),
		OpsetImport:   []*onnxpb.OperatorSetIdProto{{Domain: proto.String(""), Version: proto.Int64(Opset)}},
		ProducerName:  proto.String("TransferLab"),
		DocString:     proto.String(fmt.Sprintf("%s classifier (case %d) of %d classes", c.Network, c.Case, len(c.Classes))),
		MetadataProps: metadata(c),
		Graph: &onnxpb.GraphProto{
			Name: proto.String(c.Network + "_classifier"), Node: g.nodes, Initializer: g.inits,
			Input:  []*onnxpb.ValueInfoProto{tensorInfo(InputName, 3, s, s)},
			Output: []*onnxpb.ValueInfoProto{tensorInfo(OutputName, len(c.Classes))},
		},
	}, nil
}

// softmax ends the graph: the probabilities, under the output's name.
func (g *graph) softmax(logits models.Value) error {
	v, ok := logits.(value)
	if !ok || len(v.shape) != 2 {
		return fmt.Errorf("onnx: the classifier ends in %v, not (N, classes) logits", logits)
	}
	g.nodes = append(g.nodes, &onnxpb.NodeProto{
		Name: proto.String("Softmax"), OpType: proto.String("Softmax"), Input: []string{v.name},
		Output: []string{OutputName}, Attribute: []*onnxpb.AttributeProto{intAttr("axis", 1)},
	})
	return nil
}

// metadata is what a program needs to use the model without TransferLab:
// the class of each output and how to make the input from a picture.
func metadata(c *train.Classifier) []*onnxpb.StringStringEntryProto {
	t := c.Transform
	props := [][2]string{
		{"classes", jsonString(c.Classes)},
		{"network", c.Network},
		{"case", strconv.Itoa(int(c.Case))},
		{"resize", strconv.Itoa(t.Resize)},
		{"crop", strconv.Itoa(t.Crop)},
		{"mean", jsonString(t.Mean)},
		{"std", jsonString(t.Std)},
		{"preprocessing", fmt.Sprintf("RGB in [0, 1]; resize the shorter side to %d (bilinear, antialiased), "+
			"centre-crop %d×%d, then (x - mean) / std per channel; float32 NCHW", t.Resize, t.Crop, t.Crop)},
		{"transferlab.preprocessing", t.Key()},
	}
	out := make([]*onnxpb.StringStringEntryProto, len(props))
	for i, p := range props {
		out[i] = &onnxpb.StringStringEntryProto{Key: proto.String(p[0]), Value: proto.String(p[1])}
	}
	return out
}

// jsonString marshals values that always marshal (strings, float32s).
func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Write saves the classifier's ONNX model at path, through a temporary file
// beside it, so a failed export never leaves a truncated model behind.
// It returns the file's size.
func Write(c *train.Classifier, path string) (int64, error) {
	m, err := Model(c)
	if err != nil {
		return 0, err
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(m)
	if err != nil {
		return 0, fmt.Errorf("onnx: %w", err)
	}
	return int64(len(b)), writeAtomic(path, b)
}

func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.part")
	if err != nil {
		return fmt.Errorf("onnx: cannot write %s: %w", path, err)
	}
	// Other programs read the model: the temporary file's 0600 would hide it.
	err = f.Chmod(0o644)
	if err == nil {
		_, err = f.Write(b)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("onnx: %w", err)
	}
	return nil
}
