package train

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/cpunet"
	"transferlab/engine/device"
	"transferlab/internal/gputest"
	"transferlab/internal/shareddata"
)

// imagenetSamples are the 12 photos of ImageNet classes (an eagle, a
// giraffe, a hot dog, ...): none is an ant or a bee.
func imagenetSamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(shareddata.Path(t, "images/imagenet-samples"), "*"))
	if err != nil {
		t.Fatal(err)
	}
	var pics []string
	for _, f := range files {
		if filepath.Ext(f) != ".tsv" {
			pics = append(pics, f)
		}
	}
	if len(pics) != 12 {
		t.Fatalf("%d ImageNet sample photos, want 12", len(pics))
	}
	return pics
}

func count(flags []bool) int {
	n := 0
	for _, f := range flags {
		if f {
			n++
		}
	}
	return n
}

// The acceptance of "none of these": the ants/bees model (case 1) calls at
// least 9 of the 12 ImageNet photos unlike its training pictures and keeps
// at least 90 % of its validation pictures; a reopened file says the same,
// and its probabilities are Classify's.
func TestNoneOfTheseHymenoptera(t *testing.T) {
	skipHeavyInShort(t)
	job := Job{
		Config:       Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Seed: 1},
		Data:         scan(t, "datasets/hymenoptera"),
		Pretrained:   squeezenetWeights(t),
		FeatureCache: t.TempDir(),
	}
	res, clf, err := Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if clf.Novelty == nil {
		t.Fatal("case 1 classifier has no novelty calibration")
	}
	path := filepath.Join(t.TempDir(), "ants-bees.tlc")
	if err := clf.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadClassifier(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.Novelty == nil || back.Novelty.Threshold != clf.Novelty.Threshold || back.Novelty.Reference != len(job.Data.Train)-len(res.Skipped) {
		t.Fatalf("reopened calibration %+v, trained %+v (%d training pictures)", back.Novelty, clf.Novelty, len(job.Data.Train))
	}

	samples := imagenetSamples(t)
	_, outside, err := back.ClassifyWithNovelty(context.Background(), samples, nil)
	if err != nil {
		t.Fatal(err)
	}
	val := make([]string, len(res.Predictions))
	for i, p := range res.Predictions {
		val[i] = p.File
	}
	probs, inside, err := back.ClassifyWithNovelty(context.Background(), val, nil)
	if err != nil {
		t.Fatal(err)
	}
	var missed []string
	for i, f := range outside {
		if !f {
			missed = append(missed, filepath.Base(samples[i]))
		}
	}
	t.Logf("threshold %.4f (%.0fth percentile of %d validation distances, %d reference pictures): ImageNet photos flagged %d of %d (not: %v); validation pictures flagged %d of %d",
		back.Novelty.Threshold, 100*back.Novelty.Quantile, back.Novelty.Calibration, back.Novelty.Reference,
		count(outside), len(outside), missed, count(inside), len(inside))
	if count(outside) < 9 {
		t.Errorf("%d of 12 ImageNet photos flagged as none of these, want at least 9", count(outside))
	}
	if kept := float64(len(inside)-count(inside)) / float64(len(inside)); kept < 0.9 {
		t.Errorf("%.1f %% of the validation pictures kept, want at least 90 %%", 100*kept)
	}
	for i, p := range probs {
		for k := range p {
			if math.Abs(p[k]-res.Predictions[i].Probs[k]) > 1e-4 {
				t.Fatalf("%s: with novelty %v, training reported %v", val[i], p, res.Predictions[i].Probs)
			}
		}
	}

	// A file from before the calibration existed still classifies, and
	// never says none of these.
	clf.Novelty = nil
	old := filepath.Join(t.TempDir(), "old.tlc")
	if err := clf.Save(old); err != nil {
		t.Fatal(err)
	}
	if back, err = LoadClassifier(old); err != nil {
		t.Fatal(err)
	}
	oldProbs, flags, err := back.ClassifyWithNovelty(context.Background(), samples, nil)
	if err != nil || count(flags) != 0 || len(oldProbs) != 12 || oldProbs[0] == nil {
		t.Fatalf("uncalibrated file: %d flagged, %d answers, %v", count(flags), len(oldProbs), err)
	}
}

// Cases 3 and 4 calibrate on the trained network's own features; the file
// keeps the calibration, and the validation pictures measured again at
// prediction land where the calibration put them.
func TestNoneOfTheseWholeNetwork(t *testing.T) {
	skipHeavyInShort(t)
	data := scan(t, "datasets/catsdogs-60")
	for _, c := range []cases.Case{cases.FineTune, cases.FromScratch} {
		job := Job{
			Config: Config{Network: "squeezenet1_1", Case: c, Seed: 5, Epochs: 1, Batch: 8, Transform: smallTransform()},
			Data:   data, Pretrained: squeezenetWeights(t),
		}
		res, clf, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		n := clf.Novelty
		if n == nil || n.Reference != len(data.Train) || n.Calibration != len(data.Val) || !(n.Threshold > 0 && n.Threshold < 2) {
			t.Fatalf("case %d: calibration %+v for %d training and %d validation pictures", c, n, len(data.Train), len(data.Val))
		}
		path := filepath.Join(t.TempDir(), "model.tlc")
		if err := clf.Save(path); err != nil {
			t.Fatal(err)
		}
		back, err := LoadClassifier(path)
		if err != nil {
			t.Fatal(err)
		}
		val := make([]string, len(res.Predictions))
		for i, p := range res.Predictions {
			val[i] = p.File
		}
		_, flags, err := back.ClassifyWithNovelty(context.Background(), val, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The threshold is the 95th percentile of these very distances:
		// with 12 pictures, the largest, so none lies beyond it.
		if count(flags) != 0 {
			t.Errorf("case %d: %d of %d validation pictures flagged at their own 95th percentile", c, count(flags), len(flags))
		}
		_, outside, err := back.ClassifyWithNovelty(context.Background(), imagenetSamples(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("case %d (cats/dogs, 64 px, 1 epoch): threshold %.4f, ImageNet photos flagged %d of 12 (two of them are a cat and a dog)", c, n.Threshold, count(outside))
	}
}

// The measure itself on vectors whose distances are known.
func TestNoveltyDistances(t *testing.T) {
	train := [][]float32{{1, 0, 0}, {0, 2, 0}}
	var val [][]float32
	for i := range 100 { // angles 0..99 × 0.5° from the first training vector
		a := float64(i) * 0.5 * math.Pi / 180
		val = append(val, []float32{float32(math.Cos(a)), 0, float32(math.Sin(a))})
	}
	n := calibrateNovelty(train, val)
	if n.Reference != 2 || n.Calibration != 100 {
		t.Fatalf("calibration %+v", n)
	}
	if d := n.Distance([]float32{0, 5, 0}); math.Abs(d) > 1e-6 {
		t.Errorf("distance of a training direction = %g, want 0", d)
	}
	if d := n.Distance([]float32{0, 0, 3}); math.Abs(d-1) > 1e-6 {
		t.Errorf("distance of an orthogonal vector = %g, want 1", d)
	}
	// The 95th of 100 sorted distances is the one at 47°.
	if want := 1 - math.Cos(47*math.Pi/180); math.Abs(n.Threshold-want) > 1e-6 {
		t.Errorf("threshold %g, want %g", n.Threshold, want)
	}
	flagged := 0
	for _, x := range val {
		if n.Unlike(x) {
			flagged++
		}
	}
	if flagged != 5 {
		t.Errorf("%d of 100 calibration vectors flagged, want 5", flagged)
	}
	if err := n.check(3); err != nil {
		t.Errorf("check: %v", err)
	}
	if err := n.check(4); err == nil {
		t.Error("a reference of width 3 passed for features of width 4")
	}
	if calibrateNovelty(train, nil) != nil {
		t.Error("calibrated without validation pictures")
	}
	if got := evenly([]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 4); !slices.Equal(got, []int{0, 2, 5, 7}) {
		t.Errorf("evenly = %v", got)
	}
}

// A file whose calibration does not fit its network is refused as damaged.
func TestNoveltyDamagedFileRefused(t *testing.T) {
	skipHeavyInShort(t)
	job := Job{
		Config: Config{Network: "squeezenet1_1", Case: cases.FrozenBackbone, Seed: 1, Epochs: 2},
		Data:   scan(t, "datasets/catsdogs-60"), Pretrained: squeezenetWeights(t), FeatureCache: t.TempDir(),
	}
	_, clf, err := Run(context.Background(), job, nil)
	if err != nil {
		t.Fatal(err)
	}
	clf.Novelty.reference.Shape = []int{clf.Novelty.Reference * 2, 256}
	path := filepath.Join(t.TempDir(), "bad.tlc")
	if err := clf.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadClassifier(path); err == nil {
		t.Fatal("a classifier with a misshapen novelty reference loaded")
	} else {
		t.Logf("refused: %v", err)
	}
}

// Case 3 trained on the GPU calibrates there, with the network just
// trained; measured again on the CPU (where Try it runs), the validation
// pictures' distances give the same threshold.
func TestGPUNoveltyCalibrationMatchesCPU(t *testing.T) {
	gputest.Require(t)
	data := scan(t, "datasets/catsdogs-60")
	job := Job{Config: Config{Network: "squeezenet1_1", Case: cases.FineTune, Epochs: 1, Batch: 8, Seed: 5, Transform: tinyTransform()},
		Data: data, Pretrained: squeezenetWeights(t), Backend: onDevice(t, device.GPU)}
	var warnings []string
	_, clf, err := Run(context.Background(), job, func(e Event) {
		if e.Phase == PhaseWarning {
			warnings = append(warnings, e.Message)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if clf.Novelty == nil {
		t.Fatalf("no calibration on the GPU; warnings %q", warnings)
	}
	feats, err := clf.features(context.Background(), append(pathsOf(data.Train), pathsOf(data.Val)...), cpunet.New(""), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	onCPU := calibrateNovelty(feats[:len(data.Train)], feats[len(data.Train):])
	t.Logf("threshold: GPU %.6f, CPU %.6f", clf.Novelty.Threshold, onCPU.Threshold)
	if math.Abs(onCPU.Threshold-clf.Novelty.Threshold) > 1e-4 {
		t.Errorf("threshold calibrated on the GPU %.6f, on the CPU %.6f", clf.Novelty.Threshold, onCPU.Threshold)
	}
}
