package onnx

import (
	"context"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/onnx/onnxpb"
	"transferlab/engine/train"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// tolerance is the largest difference allowed between a probability from
// ONNX Runtime and TransferLab's.
const tolerance = 1e-4

// SqueezeNet with its real ImageNet weights, frozen (case 1) at the full
// 224 pixels and fine-tuned (case 3) at 64: ONNX Runtime gives the same
// probabilities as TransferLab on the shared photos.
func TestSqueezeNetMatchesONNXRuntime(t *testing.T) {
	skipInShort(t)
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("case1", func(t *testing.T) {
		clf := trained(t, train.Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Seed: 1}, sd)
		checkAgainstORT(t, clf)
	})
	t.Run("case3", func(t *testing.T) {
		cfg := train.Config{Network: "squeezenet1_1", Case: cases.FineTune, Seed: 1, Epochs: 1, Transform: small()}
		checkAgainstORT(t, trained(t, cfg, sd))
	})
}

// BatchNorm networks, with random weights whose BatchNorm statistics are
// far from the identity so that every normalisation counts: ResNet-18
// (padded max pooling, downsampling shortcuts) frozen and fine-tuned, and
// MobileNetV2 (ReLU6, depthwise convolutions, inverted residuals)
// fine-tuned. MobileNetV2's random frozen features are the same for every
// photo (the deep random network forgets its input), so its case 1 answers
// are uniform to the last bit and would compare float noise.
func TestBatchNormNetworksMatchONNXRuntime(t *testing.T) {
	skipInShort(t)
	for _, run := range []struct {
		network string
		c       cases.Case
	}{{"resnet18", cases.FrozenBackbone}, {"resnet18", cases.FineTune}, {"mobilenet_v2", cases.FineTune}} {
		t.Run(run.network+"/case"+itoa(int(run.c)), func(t *testing.T) {
			cfg := train.Config{Network: run.network, Case: run.c, Seed: 1, Transform: small()}
			if run.c.TrainsBackbone() {
				cfg.Epochs = 1 // the head starts random, so one epoch gives varied answers
			}
			clf := trained(t, cfg, randomWeights(t, run.network))
			if !run.c.TrainsBackbone() {
				sharpen(t, clf)
			}
			checkAgainstORT(t, clf)
		})
	}
}

// sharpen scales the head of a classifier trained on random features, whose
// answers are all close to uniform, until its logits on the photos span
// about 4: near-uniform answers would hide any difference in the backbone.
// It changes the classifier through Tensors, which only a test may do.
func sharpen(t *testing.T, clf *train.Classifier) {
	t.Helper()
	probs, err := clf.Classify(context.Background(), photos(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	span := 0.0
	for _, p := range probs {
		span = math.Max(span, math.Log(slices.Max(p))-math.Log(slices.Min(p)))
	}
	factor := float32(4 / span)
	for _, name := range []string{"head.weight", "head.bias"} {
		for i := range clf.Tensors()[name].Data {
			clf.Tensors()[name].Data[i] *= factor
		}
	}
}

// The file says what a program needs to use it: opset, input and output,
// the class names and the preprocessing.
func TestModelDescribesItself(t *testing.T) {
	skipInShort(t)
	cfg := train.Config{Network: "resnet18", Case: cases.FrozenBackbone, Seed: 1, Epochs: 1, Transform: small()}
	clf := trained(t, cfg, randomWeights(t, "resnet18"))
	path := filepath.Join(t.TempDir(), "model.onnx")
	if _, err := Write(clf, path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m onnxpb.ModelProto
	if err := proto.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if v := m.GetOpsetImport()[0].GetVersion(); v < 13 {
		t.Errorf("opset %d, want 13 or newer", v)
	}
	meta := map[string]string{}
	for _, p := range m.GetMetadataProps() {
		meta[p.GetKey()] = p.GetValue()
	}
	want := map[string]string{
		"classes": `["cat","dog"]`, "network": "resnet18", "case": "1", "resize": "72", "crop": "64",
		"mean": "[0.485,0.456,0.406]", "std": "[0.229,0.224,0.225]",
	}
	for k, v := range want {
		if meta[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, meta[k], v)
		}
	}
	if !strings.Contains(meta["preprocessing"], "centre-crop 64×64") {
		t.Errorf("preprocessing %q", meta["preprocessing"])
	}
	in, out := m.GetGraph().GetInput()[0], m.GetGraph().GetOutput()[0]
	if in.GetName() != InputName || out.GetName() != OutputName {
		t.Errorf("input %q, output %q", in.GetName(), out.GetName())
	}
}

func skipInShort(t *testing.T) {
	if testing.Short() {
		t.Skip("trains classifiers; covered by the full (non -short) pass")
	}
}

// small keeps the training quick: 64-pixel crops.
func small() imageprep.Transform {
	t := imageprep.ImageNet()
	t.Resize, t.Crop = 72, 64
	return t
}

// trained runs a short training job on the shared cats and dogs.
func trained(t *testing.T, cfg train.Config, sd weights.StateDict) *train.Classifier {
	t.Helper()
	data, err := dataset.Scan(context.Background(), shareddata.Path(t, "datasets/catsdogs-60"), dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	job := train.Job{Config: cfg, Data: data, Pretrained: sd, FeatureCache: t.TempDir()}
	_, clf, err := train.Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	return clf
}

// randomWeights are torchvision's initialisation with BatchNorm scales,
// shifts and running statistics drawn away from 1 and 0.
func randomWeights(t *testing.T, network string) weights.StateDict {
	t.Helper()
	net, err := models.New(network)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	sd := models.RandomInit(net.Params(), rng)
	for _, p := range net.Params() {
		lo, width := 0.0, 0.0
		switch p.Kind {
		case models.NormScale, models.RunningVar:
			lo, width = 0.5, 1
		case models.NormShift, models.RunningMean:
			lo, width = -0.2, 0.4
		default:
			continue
		}
		for i := range sd[p.Name].Data {
			sd[p.Name].Data[i] = float32(lo + width*rng.Float64())
		}
	}
	return sd
}

// checkAgainstORT exports clf and compares ONNX Runtime's probabilities on
// the shared photos with clf's own.
func checkAgainstORT(t *testing.T, clf *train.Classifier) {
	t.Helper()
	files := photos(t)
	want, err := clf.Classify(context.Background(), files, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float32, len(files)*clf.Transform.Len())
	if _, err := imageprep.LoadBatch(files, clf.Transform, nil, x).Wait(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.onnx")
	if _, err := Write(clf, path); err != nil {
		t.Fatal(err)
	}
	s := clf.Transform.Crop
	got := runORT(t, path, x, []int{len(files), 3, s, s})
	k := len(clf.Classes)
	if !slices.Equal(got.Dims, []int{len(files), k}) {
		t.Fatalf("ONNX Runtime's output is %v, want [%d %d]", got.Dims, len(files), k)
	}
	worst, spread := 0.0, 0.0
	for i := range files {
		for j := range k {
			worst = math.Max(worst, math.Abs(float64(got.Data[i*k+j])-want[i][j]))
			spread = math.Max(spread, math.Abs(want[i][j]-1/float64(k)))
		}
	}
	t.Logf("%s case %d, %d photos at %d px: max |ONNX Runtime − TransferLab| = %.2g (answers up to %.2f from uniform)",
		clf.Network, clf.Case, len(files), s, worst, spread)
	if worst > tolerance {
		t.Errorf("probabilities differ by up to %.2g, want at most %g", worst, tolerance)
	}
	// Near-uniform answers would hide any difference in the backbone.
	if spread < 0.05 {
		t.Errorf("the classifier answers almost uniformly (%.3f from 1/%d at most): the check proves little", spread, k)
	}
}

// photos are the shared ImageNet samples.
func photos(t *testing.T) []string {
	t.Helper()
	dir := shareddata.Path(t, "images/imagenet-samples")
	var files []string
	for _, pat := range []string{"*.jpg", "*.bmp"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	slices.Sort(files)
	return files
}
