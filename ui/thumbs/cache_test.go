package thumbs

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"transferlab/internal/shareddata"

	"fyne.io/fyne/v2/test"
)

// inline runs jobs synchronously, so tests need no waiting.
func inline(job func()) { job() }

// catsDogs is the shared catsdogs-60 dataset: 30 cats, 30 dogs.
func catsDogs(t *testing.T) string {
	return shareddata.Path(t, "datasets/catsdogs-60")
}

// queued is a launcher that keeps jobs until the test runs them.
type queued struct{ jobs []func() }

func (q *queued) launch(job func()) { q.jobs = append(q.jobs, job) }

func TestThumbnailsDecodeOnceAndShareWaiters(t *testing.T) {
	test.NewTempApp(t)
	var q queued
	th := NewCache(q.launch, 32)
	path := filepath.Join(catsDogs(t), "cat", "cat-01.jpg") // 500x374
	var got []image.Image
	collect := func(img image.Image, err error) {
		if err != nil {
			t.Error(err)
		}
		got = append(got, img)
	}
	th.Get(path, collect)
	th.Get(path, collect)
	if len(q.jobs) != 1 || len(got) != 0 {
		t.Fatalf("%d decode jobs and %d answers before decoding, want 1 and 0", len(q.jobs), len(got))
	}
	q.jobs[0]()
	if len(got) != 2 || got[0] != got[1] {
		t.Fatalf("want both waiters answered with the same thumbnail, got %d", len(got))
	}
	if b := got[0].Bounds(); b.Dx() != 32 || b.Dy() != 23 {
		t.Errorf("thumbnail is %dx%d, want 32x23 (500x374 fitted into 32x32, imaging rounds down)", b.Dx(), b.Dy())
	}
	th.Get(path, collect)
	if len(q.jobs) != 1 || len(got) != 3 {
		t.Errorf("cached thumbnail: %d jobs, %d answers; want 1 and 3", len(q.jobs), len(got))
	}
}

func TestThumbnailsReportBrokenFilesAndEvict(t *testing.T) {
	test.NewTempApp(t)
	th := NewCache(inline, 16)
	th.limit = 2
	bad := filepath.Join(t.TempDir(), "bad.jpg")
	os.WriteFile(bad, []byte("not a jpeg"), 0o644)
	var gotErr error
	th.Get(bad, func(_ image.Image, err error) { gotErr = err })
	if gotErr == nil || !strings.Contains(gotErr.Error(), bad) {
		t.Errorf("error %v does not name %s", gotErr, bad)
	}
	for _, name := range []string{"cat-01.jpg", "cat-02.jpg"} {
		th.Get(filepath.Join(catsDogs(t), "cat", name), func(image.Image, error) {})
	}
	if _, ok := th.cache[bad]; ok || len(th.cache) != 2 {
		t.Errorf("cache holds %d entries (bad one kept: %v), want the 2 newest", len(th.cache), ok)
	}
}
