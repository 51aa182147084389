package imageprep

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// copyPictures copies test pictures into a temporary folder, so the test
// can remove them and see whether a load still decodes the files.
func copyPictures(t *testing.T, names ...string) []string {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", "images", n))
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, n)
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// loadTwice loads files through cache, removes them, and loads them again:
// the second load can only come from the cache.
func loadTwice(t *testing.T, files []string, tr Transform, seeds []int64, cache *PictureCache) (first, second []float32, err error) {
	t.Helper()
	first, err = LoadBatchCached(files, tr, seeds, make([]float32, len(files)*tr.Len()), cache).Wait()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	second, err = LoadBatchCached(files, tr, seeds, make([]float32, len(files)*tr.Len()), cache).Wait()
	return first, second, err
}

func TestPictureCacheGivesTheDecodedTensors(t *testing.T) {
	names := []string{"cmyk.jpg", "exif6.jpg", "gray.png", "alpha.webp"}
	tr := ImageNetAt(64)
	for _, c := range []struct {
		name  string
		seeds []int64
	}{{"evaluation", nil}, {"augmentation", []int64{1, 2, 3, 4}}} {
		t.Run(c.name, func(t *testing.T) {
			files := copyPictures(t, names...)
			want, err := LoadBatch(files, tr, c.seeds, make([]float32, len(files)*tr.Len())).Wait()
			if err != nil {
				t.Fatal(err)
			}
			first, second, err := loadTwice(t, files, tr, c.seeds, NewPictureCache(64<<20))
			if err != nil {
				t.Fatalf("second load, files removed, should come from the cache: %v", err)
			}
			if !slices.Equal(first, want) || !slices.Equal(second, want) {
				t.Fatal("cached pictures differ from decoded ones")
			}
		})
	}
}

func TestPictureCacheKeepsWithinItsBudget(t *testing.T) {
	files := copyPictures(t, "cmyk.jpg", "gray.png", "exif6.jpg")
	tr := ImageNetAt(64)
	cache := NewPictureCache(2*3*64*64 + 1) // two 64×64 prepared pictures, not three
	if _, _, err := loadTwice(t, files, tr, nil, cache); err == nil {
		t.Fatal("all three pictures loaded after their files were removed: the cache kept more than its budget")
	}
	kept := 0
	for _, f := range files {
		if _, err := LoadBatchCached([]string{f}, tr, nil, make([]float32, tr.Len()), cache).Wait(); err == nil {
			kept++
		}
	}
	if kept != 2 {
		t.Fatalf("%d pictures kept, want the 2 that fit the budget", kept)
	}
}

// A picture kept for augmentation is evaluated from the cache too (the
// calibration after training reads the training pictures).
func TestPictureCacheEvaluatesAKeptTrainingPicture(t *testing.T) {
	files := copyPictures(t, "exif6.jpg", "cmyk.jpg")
	tr := ImageNetAt(64)
	want, err := LoadBatch(files, tr, nil, make([]float32, len(files)*tr.Len())).Wait()
	if err != nil {
		t.Fatal(err)
	}
	cache := NewPictureCache(64 << 20)
	if _, err := LoadBatchCached(files, tr, []int64{5, 6}, make([]float32, len(files)*tr.Len()), cache).Wait(); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	got, err := LoadBatchCached(files, tr, nil, make([]float32, len(files)*tr.Len()), cache).Wait()
	if err != nil {
		t.Fatalf("evaluating pictures kept for augmentation read the removed files: %v", err)
	}
	if !slices.Equal(got, want) {
		t.Fatal("evaluated from the kept picture, the tensor differs from decoding the file")
	}
}
