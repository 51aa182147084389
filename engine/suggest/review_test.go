package suggest

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/draw"

	"transferlab/engine/dataset"
	"transferlab/engine/features"
	"transferlab/internal/shareddata"
)

// catsAndDogs labels ten cats and ten dogs of catsdogs-60 (with the given
// extra files appended to each class) and leaves twenty others unlabelled.
func catsAndDogs(t *testing.T, extraCats, extraDogs []string) ([]dataset.Class, []string) {
	t.Helper()
	dir := shareddata.Path(t, "datasets/catsdogs-60")
	pick := func(animal string, from, to int) []string {
		var out []string
		for i := from; i <= to; i++ {
			out = append(out, filepath.Join(dir, animal, fmt.Sprintf("%s-%02d.jpg", animal, i)))
		}
		return out
	}
	classes := []dataset.Class{
		{Name: "cat", Files: append(pick("cat", 1, 10), extraCats...)},
		{Name: "dog", Files: append(pick("dog", 1, 10), extraDogs...)},
	}
	return classes, append(pick("cat", 21, 30), pick("dog", 21, 30)...)
}

// recompressed writes src scaled to 80% and saved at JPEG quality 60 into
// dir: another file, other bytes, the same photo.
func recompressed(t *testing.T, src, dir string) string {
	t.Helper()
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	small := image.NewRGBA(image.Rect(0, 0, b.Dx()*4/5, b.Dy()*4/5))
	draw.CatmullRom.Scale(small, small.Bounds(), img, b, draw.Src, nil)
	out := filepath.Join(dir, "copy-of-"+filepath.Base(src))
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := jpeg.Encode(w, small, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	return out
}

// A dog filed with the cats is listed as likely mislabelled (its
// neighbours say dog), and a cat recompressed at another size and filed
// with the dogs is listed as a near-duplicate of its original; the cats
// and dogs left unlabelled get the right class.
func TestReviewFindsAWrongLabelAndACopyAcrossClasses(t *testing.T) {
	data := shareddata.Path(t, "datasets/catsdogs-60")
	wrong := filepath.Join(data, "dog", "dog-15.jpg")
	original := filepath.Join(data, "cat", "cat-05.jpg")
	copied := recompressed(t, original, t.TempDir())
	classes, unlabelled := catsAndDogs(t, []string{wrong}, []string{copied})
	res, err := Run(context.Background(), Job{Classes: classes, Unlabelled: unlabelled, Backbone: squeezenet(t), Cache: features.NewCache(t.TempDir())}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Mislabelled {
		t.Logf("doubt: %s labelled %s, neighbours say %s (%.2f)", filepath.Base(d.File), d.Labelled, d.Suggested, d.Confidence)
		if d.File == wrong && d.Labelled == "cat" && d.Suggested == "dog" && d.Confidence >= DoubtConfidence {
			found = true
		}
	}
	if !found {
		t.Errorf("the dog labelled cat is not among the doubts")
	}
	if len(res.NearDuplicates) != 1 || res.NearDuplicates[0].Files != [2]string{original, copied} ||
		res.NearDuplicates[0].Classes != [2]string{"cat", "dog"} {
		t.Errorf("near-duplicates %+v; want only cat-05 and its copy", res.NearDuplicates)
	}
	right := 0
	for _, s := range res.Suggestions {
		if filepath.Base(filepath.Dir(s.File)) == s.Suggested {
			right++
		}
		if s.Confidence < 0.5 || s.Confidence > 1 || s.Neighbour == "" {
			t.Errorf("%s: confidence %g, neighbour %q", s.File, s.Confidence, s.Neighbour)
		}
	}
	if len(res.Suggestions) != len(unlabelled) || right < 18 {
		t.Errorf("%d of %d suggestions right", right, len(res.Suggestions))
	}
}

// Progress counts every picture once, up to the total; a cancelled job
// returns the context's error even when every feature was cached; one
// class alone is refused in words.
func TestProgressCancellingAndTooFewClasses(t *testing.T) {
	classes, unlabelled := catsAndDogs(t, nil, nil)
	job := Job{Classes: classes, Unlabelled: unlabelled, Backbone: squeezenet(t), Cache: features.NewCache(t.TempDir())}
	last, calls := 0, 0
	if _, err := Run(context.Background(), job, func(done, total int) {
		if total != 40 || done < last || done > total {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last, calls = done, calls+1
	}); err != nil {
		t.Fatal(err)
	}
	if last != 40 || calls < 3 {
		t.Errorf("progress ended at %d after %d calls", last, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, job, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	job.Classes = classes[:1]
	if _, err := Run(context.Background(), job, nil); !errors.Is(err, ErrTooFewClasses) {
		t.Errorf("one class: %v", err)
	}
}
