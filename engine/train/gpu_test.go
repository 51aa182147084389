package train

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"strings"
	"testing"

	"transferlab/engine/backend"
	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
	"transferlab/engine/dataset"
	"transferlab/engine/device"
	"transferlab/engine/gpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
	"transferlab/internal/gputest"
)

// tinyTransform makes the networks small enough for the software Vulkan
// driver: 32×32 crops still pass through every layer of these networks.
func tinyTransform() imageprep.Transform {
	t := imageprep.ImageNet()
	t.Resize, t.Crop = 36, 32
	return t
}

// A BatchNorm that trains on a handful of values per channel is badly
// conditioned: its backward subtracts two nearly equal terms, so float32
// rounding (the CPU sums in float64, the GPU in float32) grows into
// percent-level gradient differences within a step. At 64×64 and 8 images
// ResNet's last stage still sees 32 values per channel, as real training
// (224×224, batch 16: 784) sees far more.
func wellConditioned() (imageprep.Transform, [][]int) {
	t := imageprep.ImageNet()
	t.Resize, t.Crop = 72, 64
	var batches [][]int
	for s := 0; s < 24; s += 8 {
		batches = append(batches, []int{s, s + 1, s + 2, s + 3, s + 4, s + 5, s + 6, s + 7})
	}
	return t, batches
}

// smallBNNet is a small network whose BatchNorms train on thousands of
// values per channel at 64×64, so a step is well conditioned (see
// wellConditioned) and both backends must agree to rounding. Its end is
// AlexNet's and VGG's in miniature (pool, flatten, dropout, linear, ReLU):
// their classifiers do not fit lavapipe's 128 MiB buffers.
func smallBNNet() *models.Network {
	return &models.Network{
		Name: "small", FeatureLayers: 14, FeatureDim: 12,
		Layers: []models.Layer{
			{Path: "conv1", Module: models.Conv{In: 3, Out: 8, Kernel: 3, Stride: 2, Pad: 1}},
			{Path: "bn1", Module: models.BatchNorm{C: 8}},
			{Path: "relu1", Module: models.ReLU{}},
			{Path: "pool", Module: models.MaxPool{Kernel: 3, Stride: 2, Pad: 1}},
			{Path: "conv2", Module: models.Conv{In: 8, Out: 16, Kernel: 3, Pad: 1, Groups: 8}},
			{Path: "bn2", Module: models.BatchNorm{C: 16}},
			{Path: "relu2", Module: models.ReLU{Six: true}},
			{Path: "conv3", Module: models.Conv{In: 16, Out: 16, Kernel: 1, Bias: true}},
			{Path: "relu3", Module: models.ReLU{}},
			{Path: "avgpool", Module: models.AdaptiveAvgPool{Size: 2}},
			{Path: "", Module: models.Flatten{}},
			{Path: "drop", Module: models.Dropout{P: 0.5}},
			{Path: "fc", Module: models.Linear{In: 64, Out: 12}},
			{Path: "relu4", Module: models.ReLU{}},
		},
	}
}

// A few training steps give the same losses, logits and weights on the GPU
// as on the CPU: real networks (residual joins, depthwise convolutions and
// ReLU6, fire modules' concatenation and ceil-mode pooling) in the cases
// whose steps are well conditioned — case 3's BatchNorms use fixed
// statistics, SqueezeNet has none — and a small network whose BatchNorms
// train on their batch statistics.
func TestGPUTrainingStepsMatchCPU(t *testing.T) {
	skipHeavyInShort(t)
	gpu := gpunet.New(gputest.Open(t))
	data := scan(t, "datasets/hymenoptera")
	for _, tc := range []struct {
		net *models.Network
		cse cases.Case
	}{
		{smallBNNet(), cases.FromScratch}, {mustNet(t, "squeezenet1_1"), cases.FromScratch},
		{mustNet(t, "squeezenet1_1"), cases.FineTune},
		{mustNet(t, "resnet18"), cases.FineTune}, {mustNet(t, "mobilenet_v2"), cases.FineTune},
	} {
		t.Run(tc.net.Name+"/case"+string(rune('0'+tc.cse)), func(t *testing.T) {
			cpu, g, batches := twoLearners(t, gpu, data, tc.net, tc.cse)
			for step, idx := range batches {
				lc, lg := stepBoth(t, cpu, g, idx)
				if rel := math.Abs(lc-lg) / math.Max(1, math.Abs(lc)); rel > 1e-4 {
					t.Errorf("step %d: loss cpu %.6f gpu %.6f (rel %.1e)", step+1, lc, lg, rel)
				}
			}
			compareLogits(t, cpu, g, []int{0, 1})
			compareStates(t, snap(t, cpu), snap(t, g))
		})
	}
}

// Training ResNet-18 and MobileNetV2 from scratch (case 4) is badly
// conditioned at test sizes: moving the CPU's own weights by 1e-7 changes
// its first update by percents. There the first loss (a forward pass with
// batch statistics) must agree to rounding, and the GPU's first update may
// differ from the CPU's by no more than the CPU's differs from itself under
// that perturbation.
func TestGPUFromScratchWithinCPUSensitivity(t *testing.T) {
	skipHeavyInShort(t)
	gpu := gpunet.New(gputest.Open(t))
	data := scan(t, "datasets/hymenoptera")
	for _, name := range []string{"resnet18", "mobilenet_v2"} {
		t.Run(name, func(t *testing.T) {
			net := mustNet(t, name)
			cpu, g, batches := twoLearners(t, gpu, data, net, cases.FromScratch)
			shaken, _, _ := twoLearners(t, nil, data, net, cases.FromScratch)
			shake(shaken.state, 1e-7)
			start := snap(t, cpu)
			lc, lg := stepBoth(t, cpu, g, batches[0])
			if rel := math.Abs(lc-lg) / math.Max(1, math.Abs(lc)); rel > 1e-4 {
				t.Errorf("first loss cpu %.6f gpu %.6f (rel %.1e)", lc, lg, rel)
			}
			if _, _, err := shaken.step(batches[0]); err != nil {
				t.Fatal(err)
			}
			self := updateDiff(start, snap(t, cpu), snap(t, shaken))
			other := updateDiff(start, snap(t, cpu), snap(t, g))
			t.Logf("first update differs by %.2e from the CPU's (the CPU's own under a 1e-7 shake: %.2e)", other, self)
			if other > 2*self+1e-4 {
				t.Errorf("GPU update differs by %.2e relative, more than twice the CPU's own sensitivity %.2e", other, self)
			}
		})
	}
}

func mustNet(t *testing.T, name string) *models.Network {
	t.Helper()
	net, err := models.New(name)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// twoLearners starts the same case twice from the same weights, the first
// on the CPU, the second on gpu (skipped when gpu is nil).
func twoLearners(t *testing.T, gpu backend.Backend, data *dataset.Dataset, net *models.Network, cse cases.Case) (*netLearner, *netLearner, [][]int) {
	t.Helper()
	transform, batches := wellConditioned()
	cfg := Config{Network: net.Name, Case: cse, Seed: 3, LR: 0.01, Transform: transform}.Defaults()
	job := Job{Config: cfg, Data: data}
	if cse.NeedsPretrained() { // random weights stand in for pretrained ones: the case differs in frozen statistics and rates
		job.Pretrained = models.RandomInit(transfer{net: net, upTo: net.FeatureLayers}.backboneParams(), rand.New(rand.NewSource(7)))
	}
	cpu, err := newNetLearner(job, cfg, net, cpunet.New(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cpu.close)
	if gpu == nil {
		return cpu, nil, batches
	}
	g, err := newNetLearner(job, cfg, net, gpu, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.close)
	return cpu, g, batches
}

// onDevice opens the backend a device setting asks for, for one test.
func onDevice(t *testing.T, c device.Choice) backend.Backend {
	t.Helper()
	be, err := gpunet.Choose(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(be.Close)
	return be
}

func stepBoth(t *testing.T, cpu, g *netLearner, idx []int) (lossCPU, lossGPU float64) {
	t.Helper()
	lc, cc, err := cpu.step(idx)
	if err != nil {
		t.Fatal(err)
	}
	lg, cg, err := g.step(idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loss cpu %.6f gpu %.6f; correct %d, %d", lc/float64(len(idx)), lg/float64(len(idx)), cc, cg)
	return lc, lg
}

func snap(t *testing.T, m learner) weights.StateDict {
	t.Helper()
	sd, err := m.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return sd
}

// shake multiplies every weight by 1 + ε·N(0, 1).
func shake(st *models.State, eps float64) {
	r := rand.New(rand.NewSource(9))
	for _, p := range st.Params() {
		if p.Kind != models.Weight {
			continue
		}
		d, _ := st.Data(p.Name)
		for i := range d {
			d[i] *= 1 + float32(r.NormFloat64()*eps)
		}
	}
}

// updateDiff is ‖(b − start) − (a − start)‖ / ‖a − start‖ over all entries:
// how far update b is from update a.
func updateDiff(start, a, b weights.StateDict) float64 {
	var norm, diff float64
	for k, s := range start {
		for i := range s.Data {
			da := float64(a[k].Data[i] - s.Data[i])
			db := float64(b[k].Data[i] - s.Data[i])
			norm += da * da
			diff += (da - db) * (da - db)
		}
	}
	return math.Sqrt(diff / norm)
}

func compareLogits(t *testing.T, cpu, g *netLearner, idx []int) {
	t.Helper()
	a, err := cpu.logits(idx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.logits(idx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if d := maxRelDiff(a[i], b[i]); d > 1e-4 {
			t.Errorf("validation logits of image %d differ by %.1e relative: %v vs %v", i, d, a[i], b[i])
		}
	}
}

// compareStates checks every trained weight and running statistic.
func compareStates(t *testing.T, a, b weights.StateDict) {
	t.Helper()
	worst, where := 0.0, ""
	for name, ta := range a {
		tb, ok := b[name]
		if !ok {
			t.Fatalf("GPU snapshot lacks %s", name)
		}
		if d := maxRelDiff(ta.Data, tb.Data); d > worst {
			worst, where = d, name
		}
	}
	t.Logf("largest weight difference after the steps: %.1e (%s)", worst, where)
	if worst > 1e-4 {
		t.Errorf("weights differ by %.1e relative at %s", worst, where)
	}
}

// maxRelDiff is max|a−b| / max(1, max|a|).
func maxRelDiff(a, b []float32) float64 {
	var diff, scale float64 = 0, 1
	for i := range a {
		diff = math.Max(diff, math.Abs(float64(a[i])-float64(b[i])))
		scale = math.Max(scale, math.Abs(float64(a[i])))
	}
	return diff / scale
}

// Cases 1 and 2 end to end through Run with --device gpu: the backbone
// features (whole, or cut) and the head's Adam steps run on the device and
// give the CPU's result.
func TestGPURunCases1And2MatchCPU(t *testing.T) {
	skipHeavyInShort(t)
	gputest.Require(t)
	data := scan(t, "datasets/hymenoptera")
	for _, cse := range []cases.Case{cases.FrozenBackbone, cases.CutBackbone} {
		t.Run("case"+string(rune('0'+cse)), func(t *testing.T) { runBothDevices(t, data, cse) })
	}
}

func runBothDevices(t *testing.T, data *dataset.Dataset, cse cases.Case) {
	run := func(where device.Choice) (*Result, string) {
		job := Job{
			Config:       Config{Network: "squeezenet1_1", Case: cse, Seed: 1, Transform: tinyTransform()},
			Data:         data,
			Pretrained:   squeezenetWeights(t),
			FeatureCache: t.TempDir(),
			Backend:      onDevice(t, where),
		}
		var named string
		res, _, err := Run(context.Background(), job, func(e Event) {
			if e.Phase == PhaseDevice {
				named = e.Message
			}
		})
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		return res, named
	}
	cpu, _ := run(device.CPU)
	gpuRes, named := run(device.GPU)
	t.Logf("cpu: accuracy %.3f best epoch %d; %s: accuracy %.3f best epoch %d, backbone %.1fs",
		cpu.Accuracy, cpu.BestEpoch, named, gpuRes.Accuracy, gpuRes.BestEpoch, gpuRes.BackboneSeconds)
	if !strings.HasPrefix(named, "GPU: ") || gpuRes.Device != named {
		t.Errorf("device event %q, result device %q: want the GPU's name", named, gpuRes.Device)
	}
	if cpu.Accuracy != gpuRes.Accuracy || cpu.BestEpoch != gpuRes.BestEpoch {
		t.Errorf("GPU accuracy %.3f (epoch %d), CPU %.3f (epoch %d)", gpuRes.Accuracy, gpuRes.BestEpoch, cpu.Accuracy, cpu.BestEpoch)
	}
	if d := math.Abs(cpu.Loss - gpuRes.Loss); d > 1e-4*math.Max(1, cpu.Loss) {
		t.Errorf("validation loss cpu %.6f gpu %.6f", cpu.Loss, gpuRes.Loss)
	}
}

// Running out of GPU memory ends the job with one sentence naming the GPU
// and a smaller batch. Lavapipe refuses any buffer over 128 MiB, so a batch
// of 64 (48 pictures here) at 224×224 runs out at ResNet-18's first layer.
// A hardware GPU has room for it (CI always runs on lavapipe).
func TestGPUOutOfMemorySuggestsASmallerBatch(t *testing.T) {
	dev := gputest.Open(t)
	name := dev.Info().Name
	dev.Close()
	if !strings.HasPrefix(name, "llvmpipe") {
		t.Skipf("needs lavapipe's 128 MiB buffer limit; %s has room for the batch", name)
	}
	job := Job{
		Config:  Config{Network: "resnet18", Case: cases.FromScratch, Epochs: 1, Batch: 64, Seed: 1, ValFraction: 0.2},
		Data:    scan(t, "datasets/catsdogs-60"),
		Backend: onDevice(t, device.GPU),
	}
	_, _, err := Run(context.Background(), job, nil)
	if err == nil {
		t.Fatal("a 150 MiB activation fit on lavapipe")
	}
	t.Log(err)
	if !errors.Is(err, device.ErrOutOfMemory) || !strings.Contains(err.Error(), "out of GPU memory on llvmpipe") ||
		!strings.Contains(err.Error(), "at a batch of 64 images; try a batch of 32") {
		t.Errorf("error %q does not explain the out-of-memory", err)
	}
}

// Case 4 through Run, with augmentation: the GPU learner decodes the next
// batch while the device trains, and still sees the very pictures the CPU
// learner sees, so the epochs' losses agree (SqueezeNet has no BatchNorm,
// so steps are well conditioned).
func TestGPURunCase4LoadsAheadAndMatchesCPU(t *testing.T) {
	gputest.Require(t)
	data := scan(t, "datasets/catsdogs-60")
	run := func(where device.Choice) *Result {
		job := Job{Config: Config{Network: "squeezenet1_1", Case: cases.FromScratch, Epochs: 2, Batch: 8, Seed: 5, LR: 0.01,
			Augment: true, Transform: tinyTransform()}, Data: data, Backend: onDevice(t, where)}
		res, _, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		return res
	}
	cpu, gpuRes := run(device.CPU), run(device.GPU)
	for i, e := range cpu.History {
		g := gpuRes.History[i]
		t.Logf("epoch %d: train loss cpu %.6f gpu %.6f, val loss cpu %.6f gpu %.6f", e.Epoch, e.TrainLoss, g.TrainLoss, e.ValLoss, g.ValLoss)
		if math.Abs(e.TrainLoss-g.TrainLoss) > 1e-4*math.Max(1, e.TrainLoss) || math.Abs(e.ValLoss-g.ValLoss) > 1e-4*math.Max(1, e.ValLoss) {
			t.Errorf("epoch %d differs: cpu %+v gpu %+v", e.Epoch, e, g)
		}
	}
}
