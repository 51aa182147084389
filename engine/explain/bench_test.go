package explain

import (
	"context"
	"testing"

	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// BenchmarkExplainSqueezeNet is one map (decode, forward to the block,
// gradient of the rest) for a real photo at 224 pixels.
func BenchmarkExplainSqueezeNet(b *testing.B) {
	sd, _, err := weights.LoadAny(shareddata.Path(b, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		b.Fatal(err)
	}
	e, err := Pretrained("squeezenet1_1", sd)
	if err != nil {
		b.Fatal(err)
	}
	photo := shareddata.Path(b, "images/imagenet-samples/dog.jpg")
	for b.Loop() {
		if _, err := e.File(context.Background(), photo, -1); err != nil {
			b.Fatal(err)
		}
	}
}
