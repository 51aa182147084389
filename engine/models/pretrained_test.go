package models

import (
	"testing"

	"transferlab/engine/npy"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// The real ImageNet squeezenet1_1 weights reproduce the ONNX zoo's reference
// logits for its reference input within 5e-6 of the largest magnitude: 4×
// the 6.2e-7 measured (max |diff| 1.7e-4 on logits up to 273; PyTorch on
// these weights is 1.2e-4 from it, says the shared data's PROVENANCE.md),
// rounded up.
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
	assertClose(t, got, want, 5e-6)
}
