package train

import (
	"context"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

func squeezenetWeights(t *testing.T) weights.StateDict {
	t.Helper()
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	return sd
}

func scan(t *testing.T, rel string) *dataset.Dataset {
	t.Helper()
	d, err := dataset.Scan(context.Background(), shareddata.Path(t, rel), dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// smallTransform keeps the whole-network cases fast in tests: 64x64 crops.
func smallTransform() imageprep.Transform {
	t := imageprep.ImageNet()
	t.Resize, t.Crop = 72, 64
	return t
}

// The acceptance run: case 1 on the ants/bees tutorial set reaches PyTorch's
// tutorial accuracy; a second run reuses every cached feature and gives the
// same result.
func TestCase1Hymenoptera(t *testing.T) {
	skipHeavyInShort(t)
	job := Job{
		Config:       Config{Network: "squeezenet1_1", Case: 1, Seed: 1},
		Data:         scan(t, "datasets/hymenoptera"),
		Pretrained:   squeezenetWeights(t),
		FeatureCache: t.TempDir(),
	}
	first, clf, err := Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("case 1: val accuracy %.3f (best epoch %d of %d), %.1fs, backbone %.1fs for %d images",
		first.Accuracy, first.BestEpoch, len(first.History), first.Seconds, first.BackboneSeconds, first.FeaturesComputed)
	if first.Accuracy < 0.92 {
		t.Errorf("validation accuracy %.3f, want at least 0.92", first.Accuracy)
	}
	if first.FeaturesComputed != len(job.Data.Train)+len(job.Data.Val) {
		t.Errorf("computed %d features, want all", first.FeaturesComputed)
	}
	second, _, err := Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second run: %.2fs, %d features computed, %d from cache", second.Seconds, second.FeaturesComputed, second.FeaturesCached)
	if second.FeaturesComputed != 0 {
		t.Errorf("second run computed %d features, want 0 (all cached)", second.FeaturesComputed)
	}
	if !reflect.DeepEqual(first.History[len(first.History)-1], withSeconds(second.History[len(second.History)-1], first.History[len(first.History)-1].Seconds)) || first.Accuracy != second.Accuracy {
		t.Errorf("same seed, different result: %+v vs %+v", first.History, second.History)
	}
	checkClassifierRoundTrip(t, clf, first)
}

// skipHeavyInShort keeps the race-detector pass (test.sh runs it with
// -short) to the light tests; the full pass runs everything.
func skipHeavyInShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs hundreds of images through a network; covered by the full (non -short) pass")
	}
}

func withSeconds(e Epoch, s float64) Epoch {
	e.Seconds = s
	return e
}

// checkClassifierRoundTrip saves and reloads the classifier and checks that
// it predicts the validation images as the training report says.
func checkClassifierRoundTrip(t *testing.T, clf *Classifier, res *Result) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.tlc")
	if err := clf.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadClassifier(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Classes, res.Classes) || back.Metrics.Accuracy != res.Accuracy || back.Case != res.Case {
		t.Fatalf("reloaded classifier: %v case %d acc %v", back.Classes, back.Case, back.Metrics.Accuracy)
	}
	files := make([]string, len(res.Predictions))
	truth := make([]int, len(res.Predictions))
	for i, p := range res.Predictions {
		files[i], truth[i] = p.File, p.True
	}
	ev, preds, err := back.Evaluate(context.Background(), files, truth, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range preds {
		for k := range p.Probs {
			if math.Abs(p.Probs[k]-res.Predictions[i].Probs[k]) > 1e-4 {
				t.Fatalf("%s: reloaded classifier gives %v, training reported %v", p.File, p.Probs, res.Predictions[i].Probs)
			}
		}
	}
	if ev.Accuracy != res.Accuracy {
		t.Fatalf("reloaded accuracy %.3f, training reported %.3f", ev.Accuracy, res.Accuracy)
	}
}

func TestCase2ReportsPerClassFigures(t *testing.T) {
	skipHeavyInShort(t)
	job := Job{
		Config:       Config{Network: "squeezenet1_1", Case: 2, Cut: "features.5", Seed: 3, Epochs: 20},
		Data:         scan(t, "datasets/catsdogs-60"),
		Pretrained:   squeezenetWeights(t),
		FeatureCache: t.TempDir(),
	}
	res, clf, err := Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("case 2: val accuracy %.3f, confusion %v", res.Accuracy, res.Confusion)
	if len(res.Confusion) != 2 || len(res.PerClass) != 2 || len(res.Predictions) != len(job.Data.Val) {
		t.Fatalf("report: confusion %v per-class %v, %d predictions", res.Confusion, res.PerClass, len(res.Predictions))
	}
	if res.Accuracy < 0.6 {
		t.Errorf("case 2 accuracy %.3f: worse than chance-plus on cats vs dogs", res.Accuracy)
	}
	checkClassifierRoundTrip(t, clf, res)
	if _, _, err := Run(context.Background(), Job{Config: Config{Network: "squeezenet1_1", Case: 2, Cut: "nope"}, Data: job.Data, Pretrained: job.Pretrained, FeatureCache: t.TempDir()}, nil); err == nil {
		t.Error("unknown cut accepted")
	}
}

// Cases 3 and 4 train the whole network; on small crops they must run, give
// finite losses, be reproducible, and reload.
func TestWholeNetworkCases(t *testing.T) {
	skipHeavyInShort(t)
	data := scan(t, "datasets/catsdogs-60")
	for _, c := range []cases.Case{cases.FineTune, cases.FromScratch} {
		job := Job{
			Config: Config{Network: "squeezenet1_1", Case: c, Seed: 5, Epochs: 2, Batch: 8, Transform: smallTransform(), Augment: true},
			Data:   data, Pretrained: squeezenetWeights(t),
		}
		a, clf, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		b, _, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("case %d: history %+v", c, a.History)
		for i := range a.History {
			if math.IsNaN(a.History[i].TrainLoss) || a.History[i].TrainLoss != b.History[i].TrainLoss || a.History[i].ValLoss != b.History[i].ValLoss {
				t.Fatalf("case %d epoch %d: losses %v/%v and %v/%v differ between identical runs",
					c, i+1, a.History[i].TrainLoss, a.History[i].ValLoss, b.History[i].TrainLoss, b.History[i].ValLoss)
			}
		}
		checkClassifierRoundTrip(t, clf, a)
	}
}

// Stopping after the first epoch keeps the best epoch so far; cancelling
// feature extraction leaves only complete cache entries.
func TestCancel(t *testing.T) {
	data := scan(t, "datasets/catsdogs-60")
	ctx, cancel := context.WithCancel(context.Background())
	job := Job{
		Config: Config{Network: "squeezenet1_1", Case: 1, Seed: 1, Epochs: 50, Patience: 50},
		Data:   data, Pretrained: squeezenetWeights(t), FeatureCache: t.TempDir(),
	}
	res, clf, err := Run(ctx, job, func(e Event) {
		if e.Phase == PhaseEpoch && e.Done == 3 {
			cancel()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Stopped || len(res.History) != 3 || clf == nil {
		t.Fatalf("stopped %v after %d epochs", res.Stopped, len(res.History))
	}

	ctx, cancel = context.WithCancel(context.Background())
	cacheDir := t.TempDir()
	job.FeatureCache = cacheDir
	_, _, err = Run(ctx, job, func(e Event) {
		if e.Phase == PhaseFeatures && e.Done >= 16 {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("cancelled feature extraction succeeded")
	}
	entries := 0
	filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		entries++
		if info, _ := d.Info(); filepath.Ext(p) != ".v2" || info.Size() != 12+512*4+4 { // magic, length, values, CRC
			t.Errorf("broken cache entry %s", p)
		}
		return nil
	})
	if entries == 0 || entries >= len(data.Train)+len(data.Val) {
		t.Errorf("%d cache entries after cancelling", entries)
	}
}

func TestConfigValidation(t *testing.T) {
	data := scan(t, "datasets/catsdogs-60")
	for _, cfg := range []Config{
		{Network: "squeezenet1_1", Case: 5},
		{Network: "lenet", Case: 1},
		{Network: "squeezenet1_1", Case: 1, ValFraction: 1.5},
	} {
		if _, _, err := Run(context.Background(), Job{Config: cfg, Data: data, FeatureCache: t.TempDir()}, nil); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
	if _, _, err := Run(context.Background(), Job{Config: Config{Network: "squeezenet1_1", Case: 1}, Data: data, FeatureCache: t.TempDir()}, nil); err == nil {
		t.Error("case 1 without pretrained weights accepted")
	}
}

// Networks with BatchNorm carry scalar num_batches_tracked buffers through
// snapshots, restores and classifier files; every case must handle them.
func TestBatchNormNetworkAllCases(t *testing.T) {
	skipHeavyInShort(t)
	data := scan(t, "datasets/catsdogs-60")
	net, err := models.New("mobilenet_v2")
	if err != nil {
		t.Fatal(err)
	}
	// Random weights stand in for ImageNet's: only the mechanics are tested.
	pretrained := models.RandomInit(net.Params(), rand.New(rand.NewSource(1)))
	tiny := imageprep.ImageNet()
	tiny.Resize, tiny.Crop = 40, 32
	for _, c := range cases.All() {
		job := Job{
			Config: Config{Network: "mobilenet_v2", Case: c, Seed: 2, Epochs: 2, Batch: 8, Transform: tiny},
			Data:   data, Pretrained: pretrained, FeatureCache: t.TempDir(),
		}
		res, clf, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		if len(res.History) == 0 || math.IsNaN(res.Loss) {
			t.Fatalf("case %d: %d epochs, loss %v", c, len(res.History), res.Loss)
		}
		checkClassifierRoundTrip(t, clf, res)
	}
}
