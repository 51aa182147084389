package train

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/engine/dataset"
	"transferlab/engine/predict"
	"transferlab/internal/shareddata"
)

// The scan checks headers only; a picture whose body is cut short passes
// it and is found where its pixels are needed. Case 1 (features) and case 3
// (whole network) both leave it out, list it with its reason in the
// report's Skipped, and train on the other pictures.
func TestTruncatedPictureIsLeftOutOfTheRun(t *testing.T) {
	src := shareddata.Path(t, "datasets/catsdogs-60")
	root := t.TempDir()
	for _, class := range []string{"cat", "dog"} {
		entries, err := os.ReadDir(filepath.Join(src, class))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries[:5] {
			copyPicture(t, filepath.Join(src, class, e.Name()), filepath.Join(root, class, e.Name()), 1)
		}
	}
	cut := filepath.Join(root, "cat", "cut.jpg")
	copyPicture(t, filepath.Join(src, "cat", "cat-02.jpg"), cut, 3)
	data, err := dataset.Scan(context.Background(), root, dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Train)+len(data.Val) != 11 || len(data.Skipped) != 0 {
		t.Fatalf("the scan kept %d pictures and skipped %v; want all 11 (headers are fine)", len(data.Train)+len(data.Val), data.Skipped)
	}
	for _, c := range []cases.Case{cases.FrozenBackbone, cases.FineTune} {
		job := Job{
			Config: Config{Network: "squeezenet1_1", Case: c, Seed: 1, Epochs: 1, Batch: 4, Transform: smallTransform()},
			Data:   data, Pretrained: squeezenetWeights(t), FeatureCache: t.TempDir(),
		}
		res, clf, err := Run(context.Background(), job, nil)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		if c == cases.FrozenBackbone {
			checkEvaluateLeavesOut(t, clf, data, cut)
		}
		if len(res.Skipped) != 1 || res.Skipped[0].Path != cut || !strings.Contains(res.Skipped[0].Reason, "truncated") {
			t.Errorf("case %d: skipped %+v, want %s as truncated", c, res.Skipped, cut)
		}
		if c == cases.FrozenBackbone && (res.FeaturesComputed != 10 || res.FeaturesCached != 0) {
			t.Errorf("case 1: %d features computed, %d cached; want 10 and 0", res.FeaturesComputed, res.FeaturesCached)
		}
		if len(res.Predictions) == 0 {
			t.Errorf("case %d: nothing validated", c)
		}
		for _, p := range res.Predictions {
			if p.File == cut {
				t.Errorf("case %d: the truncated picture was validated on", c)
			}
		}
	}
}

// checkEvaluateLeavesOut evaluates clf on every picture of data: the
// figures are those of the readable ones, and the error names the cut one.
func checkEvaluateLeavesOut(t *testing.T, clf *Classifier, data *dataset.Dataset, cut string) {
	t.Helper()
	var files []string
	var truth []int
	for _, it := range append(append([]dataset.Item(nil), data.Train...), data.Val...) {
		files, truth = append(files, it.Path), append(truth, it.Class)
	}
	ev, preds, err := clf.Evaluate(context.Background(), files, truth, nil)
	u, partial := predict.AsUnreadable(err)
	if !partial || len(u.Errs) != 1 || !strings.Contains(u.Errs[0].Error(), cut) {
		t.Fatalf("Evaluate: %v, want the cut picture named as unreadable", err)
	}
	if len(preds) != len(files)-1 || ev.Accuracy < 0 || ev.Accuracy > 1 {
		t.Errorf("Evaluate: %d predictions of %d pictures, accuracy %v", len(preds), len(files), ev.Accuracy)
	}
}

// copyPicture copies the first 1/part of src's bytes to dst.
func copyPicture(t *testing.T, src, dst string, part int) {
	t.Helper()
	raw, err := os.ReadFile(src)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(dst), 0o755)
	}
	if err == nil {
		err = os.WriteFile(dst, raw[:len(raw)/part], 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
