package gpunet

import (
	"math"
	"math/rand"
	"testing"

	"transferlab/engine/models"
	"transferlab/internal/gputest"
)

// Every network's inference pass on the GPU gives the CPU graph's output
// (BatchNorm folded there, separate here), at the smallest input each
// network takes so the software driver stays quick. AlexNet and VGG16 stop
// before their classifiers: a 144–392 MiB weight exceeds the 128 MiB that
// lavapipe allows one storage buffer (GPUs allow 2–4 GiB); their Linear
// layers are the op every other network's head also runs.
func TestInferMatchesCPU(t *testing.T) {
	dev := gputest.Open(t)
	for _, tc := range []struct {
		name string
		size int
	}{{"squeezenet1_1", 32}, {"mobilenet_v2", 32}, {"resnet18", 32}, {"resnet50", 32}, {"alexnet", 64}, {"vgg16", 32}} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.name != "squeezenet1_1" {
				t.Skip("the CPU reference is slow under -race -short; the full pass runs every network")
			}
			net, err := models.New(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			upTo := firstLinear(net)
			if tc.name != "alexnet" && tc.name != "vgg16" {
				upTo = len(net.Layers)
			}
			rng := rand.New(rand.NewSource(1))
			var params []models.Param
			for _, l := range net.Layers[:upTo] {
				params = append(params, l.Module.Params(l.Path)...)
			}
			st, err := models.NewState(params, models.RandomInit(params, rng), 1)
			if err != nil {
				t.Fatal(err)
			}
			shape := []int{2, 3, tc.size, tc.size}
			x := make([]float32, 2*3*tc.size*tc.size)
			for i := range x {
				x[i] = float32(rng.NormFloat64())
			}
			cpu, err := models.NewRunner(net, st, shape, upTo)
			if err != nil {
				t.Fatal(err)
			}
			defer cpu.Close()
			want, err := cpu.Run(x)
			if err != nil {
				t.Fatal(err)
			}
			n, err := NewNet(dev, st, func(be models.Backend, in models.Value) (models.Value, error) {
				return net.Lower(be, in, 0, upTo)
			})
			if err != nil {
				t.Fatal(err)
			}
			r := NewRunner(n, shape)
			defer r.Close()
			got, err := r.Run(x)
			if err != nil {
				t.Fatal(err)
			}
			if s := r.OutputShape(); len(s) != 2 || s[0] != 2 || len(got) != len(want) {
				t.Fatalf("output shape %v with %d values, want (2, %d)", s, len(got), len(want)/2)
			}
			var diff, scale float64
			for i := range want {
				diff = math.Max(diff, math.Abs(float64(got[i]-want[i])))
				scale = math.Max(scale, math.Abs(float64(want[i])))
			}
			t.Logf("max |gpu − cpu| = %.2e, largest output %.3g", diff, scale)
			if diff > 1e-4*scale || scale == 0 {
				t.Errorf("outputs differ by %.2e, more than 1e-4 × %.3g", diff, scale)
			}
		})
	}
}

// firstLinear is the index of a network's first fully connected layer.
func firstLinear(net *models.Network) int {
	for i, l := range net.Layers {
		if _, ok := l.Module.(models.Linear); ok {
			return i
		}
	}
	return len(net.Layers)
}

// A second forward pass reuses the device State and leaves no tensors
// behind: a Runner fed the same batch twice answers the same.
func TestRunnerRepeatsAndRejectsWrongSizes(t *testing.T) {
	dev := gputest.Open(t)
	net, _ := models.New("squeezenet1_1")
	params := net.Params()
	st, err := models.NewState(params, models.RandomInit(params, rand.New(rand.NewSource(2))), 1)
	if err != nil {
		t.Fatal(err)
	}
	n, err := NewNet(dev, st, func(be models.Backend, in models.Value) (models.Value, error) {
		return net.Lower(be, in, 0, net.FeatureLayers)
	})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRunner(n, []int{1, 3, 32, 32})
	defer r.Close()
	x := make([]float32, 3*32*32)
	for i := range x {
		x[i] = float32(i%17) / 17
	}
	a, err := r.Run(x)
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Run(x)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("second run differs at %d: %v vs %v", i, a[i], b[i])
		}
	}
	if _, err := r.Run(x[:10]); err == nil {
		t.Error("a short input was accepted")
	}
}
