package train

import (
	"context"
	"math/rand"
	"testing"
)

// Every class is spread evenly over the folds, and the folds differ in size
// by at most one picture.
func TestStratifiedFoldsSpreadEachClass(t *testing.T) {
	labels := make([]int, 0, 53)
	for i := 0; i < 53; i++ {
		labels = append(labels, min(i/20, 2)) // classes of 20, 20 and 13
	}
	fold := stratifiedFolds(labels, 3, 5, 1)
	sizes := make([]int, 5)
	perClass := [3][5]int{}
	for i, f := range fold {
		sizes[f]++
		perClass[labels[i]][f]++
	}
	for f, n := range sizes {
		if n < 10 || n > 11 {
			t.Errorf("fold %d has %d pictures: %v", f, n, sizes)
		}
	}
	for c, counts := range perClass {
		for _, n := range counts {
			if n < counts[0]-1 || n > counts[0]+1 {
				t.Errorf("class %d over the folds: %v", c, counts)
			}
		}
	}
}

// Features that tell the classes apart are measured near 100%; the same
// features with shuffled labels near chance, with a spread over the folds.
func TestCrossValidateMeasuresHeldBackPictures(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	var feats [][]float32
	var labels []int
	for i := 0; i < 120; i++ {
		c := i % 3
		x := make([]float32, 15)
		for j := range x {
			x[j] = float32(rng.NormFloat64())
			if j%3 == c { // class c lifts every third dimension
				x[j] += 2
			}
		}
		feats, labels = append(feats, x), append(labels, c)
	}
	cv, err := CrossValidate(context.Background(), feats, labels, 3, 5, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Accuracy < 0.95 || len(cv.Folds) != 5 {
		t.Errorf("separable classes: %+v", cv)
	}
	shuffled := append([]int(nil), labels...)
	rng.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
	cv, err = CrossValidate(context.Background(), feats, shuffled, 3, 5, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Accuracy > 0.5 || cv.Spread <= 0 {
		t.Errorf("labels unrelated to the features (chance is 33%%): %+v", cv)
	}
	if _, err := CrossValidate(context.Background(), feats[:3], labels[:3], 3, 5, 1, nil); err == nil {
		t.Error("3 pictures were split into 5 folds")
	}
}
