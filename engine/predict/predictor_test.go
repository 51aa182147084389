package predict

import (
	"context"
	"path/filepath"
	"testing"

	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// Familiarity is the mean top-1 probability: on three clear ImageNet
// photos it equals the mean of PyTorch's top-1 probabilities.
func TestFamiliarityOfImageNetPhotos(t *testing.T) {
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := New("squeezenet1_1", sd)
	if err != nil {
		t.Fatal(err)
	}
	dir := shareddata.Path(t, "images/imagenet-samples")
	clear := []string{filepath.Join(dir, "parrot.jpg"), filepath.Join(dir, "hot_dog.jpg"), filepath.Join(dir, "dog.jpg")}
	f, err := p.Familiarity(context.Background(), clear, nil)
	if err != nil {
		t.Fatal(err)
	}
	// PyTorch's top-1 probabilities for these three: 0.9938, 0.9094, 0.9186.
	if want := (0.9938 + 0.9094 + 0.9186) / 3; f < want-0.01 || f > want+0.01 {
		t.Fatalf("familiarity %.4f, want %.4f", f, want)
	}
}
