package models

import (
	"testing"

	"transferlab/engine/npy"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// The real ImageNet squeezenet1_1 weights reproduce the ONNX zoo's reference
// logits for its reference input within 2e-4 of the largest magnitude.
func TestPretrainedSqueezeNetGolden(t *testing.T) {
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	inShape, in, err := npy.Read(shareddata.Path(t, "weights/squeezenet1_1-golden/input_0.npy"))
	if err != nil {
		t.Fatal(err)
	}
	_, want, err := npy.Read(shareddata.Path(t, "weights/squeezenet1_1-golden/output_0.npy"))
	if err != nil {
		t.Fatal(err)
	}
	net, _ := New("squeezenet1_1")
	st, err := NewState(net.Params(), sd, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRunner(net, st, inShape, len(net.Layers))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.Run(in)
	if err != nil {
		t.Fatal(err)
	}
	assertClose(t, got, want, 2e-4)
}
