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

// coverage is every network and every case at least once, each exported and
// run in ONNX Runtime on the shared photos. Only SqueezeNet has real
// ImageNet weights in the shared data; the other networks start from
// seeded random weights (randomWeights: torchvision's initialisation with
// BatchNorm statistics drawn far from the identity, so every normalisation
// counts), and the from-scratch rows train their own random start for one
// epoch, so their BatchNorm statistics are the trained ones.
//
// Size: most rows run at 64 pixels (every network allows it: AlexNet's
// smallest is 63), which keeps CI quick and also exercises the adaptive
// pooling of AlexNet and VGG at a map smaller than its output. Frozen
// AlexNet keeps its fully connected layers (about 230 MB of float32 in the
// file); frozen VGG16 (about 530 MB) takes minutes and gigabytes, so CI
// checks VGG16 cut (case 2), which has all its kinds of layer but the fully
// connected ones AlexNet's rows check, and the whole VGG16 at 224 pixels is
// TestVGG16WholeMatchesONNXRuntime (vgg16_test.go), run by hand.
//
// Rows on random weights get their head sharpened (see sharpen);
// MobileNetV2's random frozen features are the same for every photo (the
// deep random network forgets its input), so its frozen answers would be
// uniform to the last bit: it is checked fine-tuned and from scratch.
var coverage = []struct {
	network string
	c       cases.Case
	crop    int
}{
	{"squeezenet1_1", cases.FrozenBackbone, 224},
	{"squeezenet1_1", cases.CutBackbone, 224},
	{"squeezenet1_1", cases.FineTune, 64},
	{"resnet18", cases.FrozenBackbone, 64},
	{"resnet18", cases.FineTune, 64},
	{"resnet50", cases.CutBackbone, 64},
	{"resnet50", cases.FromScratch, 64},
	{"mobilenet_v2", cases.FineTune, 64},
	{"mobilenet_v2", cases.FromScratch, 64},
	{"alexnet", cases.FrozenBackbone, 64},
	{"alexnet", cases.FromScratch, 64},
	{"vgg16", cases.CutBackbone, 64},
}

// Every row of coverage: ONNX Runtime gives the same probabilities as
// TransferLab within tolerance.
func TestEveryNetworkAndCaseMatchesONNXRuntime(t *testing.T) {
	skipInShort(t)
	for _, run := range coverage {
		t.Run(run.network+"/case"+itoa(int(run.c)), func(t *testing.T) {
			checkAgainstORT(t, trainedFor(t, run.network, run.c, run.crop))
		})
	}
}

// trainedFor trains network in case c at crop pixels on the shared cats and
// dogs, from SqueezeNet's real weights or the others' random ones, for one
// epoch when the backbone trains. A random network's answers are close to
// uniform after so little training, so its head is sharpened.
func trainedFor(t *testing.T, network string, c cases.Case, crop int) *train.Classifier {
	t.Helper()
	cfg := train.Config{Network: network, Case: c, Seed: 1, Transform: imageprep.ImageNet()}
	if crop != cfg.Transform.Crop {
		cfg.Transform = small()
	}
	if c.TrainsBackbone() {
		cfg.Epochs = 1
	}
	real := network == "squeezenet1_1"
	var sd weights.StateDict
	switch {
	case !c.NeedsPretrained():
	case real:
		var err error
		if sd, err = weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")); err != nil {
			t.Fatal(err)
		}
	default:
		sd = randomWeights(t, network)
	}
	clf := trained(t, cfg, sd)
	if !real {
		sharpen(t, clf)
	}
	return clf
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
