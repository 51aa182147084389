package session

import (
	"context"
	"math"
	"testing"

	"transferlab/engine/backend"
	"transferlab/engine/cpunet"
	"transferlab/engine/features"
	"transferlab/engine/gpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/internal/gputest"
	"transferlab/internal/shareddata"
)

// The advice's one pass at several depths chains runners whose inputs are
// feature maps, not pictures: on a GPU (lavapipe in CI) it pools what the
// CPU pools, at every depth the advice measures.
func TestAdviceDepthsOnTheGPUEqualTheCPU(t *testing.T) {
	s := open(t)
	sd, err := s.Pretrained("squeezenet1_1", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	net, _ := models.New("squeezenet1_1")
	st, err := models.NewState(net.Params(), sd, 0)
	if err != nil {
		t.Fatal(err)
	}
	ends := []int{net.Cuts[0].After, net.Cuts[1].After, net.FeatureLayers, len(net.Layers)}
	dir := shareddata.Path(t, "images/imagenet-samples")
	pics := []features.Picture{{Path: dir + "/dog.jpg"}, {Path: dir + "/owl.jpg"}}
	extract := func(be backend.Backend) []*features.Extraction {
		d, err := features.NewDepths(net, st, ends, imageprep.ImageNetAt(64), be)
		if err != nil {
			t.Fatal(err)
		}
		ext, err := d.Extract(context.Background(), features.NewCache(t.TempDir()), pics, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ext
	}
	cpu, gpu := extract(cpunet.New("")), extract(gpunet.New(gputest.Open(t)))
	for k := range ends {
		for i := range pics {
			a, b := cpu[k].Features[i], gpu[k].Features[i]
			if len(a) != len(b) || len(a) == 0 {
				t.Fatalf("depth %d picture %d: %d values on the CPU, %d on the GPU", ends[k], i, len(a), len(b))
			}
			var worst, scale float64
			for j := range a {
				worst = math.Max(worst, math.Abs(float64(a[j]-b[j])))
				scale = math.Max(scale, math.Abs(float64(a[j])))
			}
			if worst > 1e-3*max(scale, 1) {
				t.Errorf("depth %d picture %d: GPU differs from CPU by %g (largest value %g)", ends[k], i, worst, scale)
			}
		}
	}
}
