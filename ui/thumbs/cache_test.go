package thumbs

import (
	"fmt"
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

// thumbBytes is what the cache counts for the size-px thumbnail of path.
func thumbBytes(t *testing.T, path string, size int) int {
	img, err := loadThumbnail(path, size)
	if err != nil {
		t.Fatal(err)
	}
	return thumb{path, img, nil}.bytes()
}

func TestThumbnailsReportBrokenFilesAndEvictTheLeastRecentlyUsed(t *testing.T) {
	test.NewTempApp(t)
	th := NewCache(inline, 16)
	cat := func(i int) string { return filepath.Join(catsDogs(t), "cat", fmt.Sprintf("cat-%02d.jpg", i)) }
	// Room for the three cats but one byte: a failure (64 bytes) and two of them.
	th.limit = thumbBytes(t, cat(1), 16) + thumbBytes(t, cat(2), 16) + thumbBytes(t, cat(3), 16) - 1
	bad := filepath.Join(t.TempDir(), "bad.jpg")
	os.WriteFile(bad, []byte("not a jpeg"), 0o644)
	get := func(path string) (err error) {
		th.Get(path, func(_ image.Image, e error) { err = e })
		return err
	}
	get(cat(1))
	get(cat(2))
	if err := get(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("error %v does not name %s", err, bad)
	}
	get(cat(1)) // used again: cat 2 is now the least recently used
	get(cat(3))
	for path, want := range map[string]bool{cat(1): true, cat(2): false, cat(3): true, bad: true} {
		if _, ok := th.cache[path]; ok != want {
			t.Errorf("%s cached: %v, want %v", filepath.Base(path), ok, want)
		}
	}
	if th.Bytes() > th.limit || th.Decoded() != 4 {
		t.Errorf("%d bytes cached (limit %d), %d files decoded; want at most the limit and 4", th.Bytes(), th.limit, th.Decoded())
	}
}

func TestThumbnailsNewestFirstAndUnwantedOnesNotDecoded(t *testing.T) {
	test.NewTempApp(t)
	var q queued
	th := NewCache(q.launch, 16)
	th.workers = 1
	cat := func(i int) string { return filepath.Join(catsDogs(t), "cat", fmt.Sprintf("cat-%02d.jpg", i)) }
	var answered []string
	answer := func(path string) func(image.Image, error) {
		return func(image.Image, error) { answered = append(answered, filepath.Base(path)) }
	}
	scrolledAway := false
	th.Request(cat(1), func() bool { return !scrolledAway }, answer(cat(1)))
	th.Request(cat(2), nil, answer(cat(2)))
	th.Request(cat(3), func() bool { return true }, answer(cat(3)))
	scrolledAway = true
	if len(q.jobs) != 1 {
		t.Fatalf("%d decoding jobs started, want 1 (one worker)", len(q.jobs))
	}
	q.jobs[0]()
	if got := strings.Join(answered, " "); got != "cat-03.jpg cat-02.jpg" || th.Decoded() != 2 {
		t.Errorf("answered %q after %d decodes; want cat-03 then cat-02, and cat-01 (scrolled away) never decoded", got, th.Decoded())
	}
	// Asked again, it is decoded after all.
	th.Request(cat(1), nil, answer(cat(1)))
	q.jobs[1]()
	if th.Decoded() != 3 || answered[len(answered)-1] != "cat-01.jpg" {
		t.Errorf("asked again: %d decodes, answers %v", th.Decoded(), answered)
	}
}

func TestTileRecycledBeforeDecodingDoesNotDecodeItsOldPicture(t *testing.T) {
	test.NewTempApp(t)
	var q queued
	th := NewCache(q.launch, 16)
	th.workers = 1
	tile := NewTile(16, nil, nil)
	old, now := filepath.Join(catsDogs(t), "cat", "cat-01.jpg"), filepath.Join(catsDogs(t), "dog", "dog-01.jpg")
	tile.Bind(old, false, th)
	tile.Bind(now, true, th)
	for len(q.jobs) > 0 {
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		job()
	}
	if th.Decoded() != 1 || th.Len() != 1 || tile.image.Image == nil {
		t.Errorf("%d decoded, %d cached, tile shows a picture: %v; want only the dog decoded and shown", th.Decoded(), th.Len(), tile.image.Image != nil)
	}
	if _, ok := th.cache[now]; !ok {
		t.Errorf("the tile's current picture was not decoded")
	}
}

// With jobs on goroutines, as in the app, every request is answered once
// and each file decoded once, however many requests come in at once (run
// with -race).
func TestThumbnailsOnGoroutines(t *testing.T) {
	test.NewTempApp(t)
	th := NewCache(func(job func()) { go job() }, 24)
	th.workers = 3
	var paths []string
	for _, class := range []string{"cat", "dog"} {
		for i := 1; i <= 30; i++ {
			paths = append(paths, filepath.Join(catsDogs(t), class, fmt.Sprintf("%s-%02d.jpg", class, i)))
		}
	}
	answers := make(chan image.Image, 2*len(paths))
	for _, p := range append(paths, paths...) { // each twice: the second waits or hits the cache
		th.Request(p, func() bool { return true }, func(img image.Image, err error) {
			if err != nil {
				t.Error(err)
			}
			answers <- img
		})
	}
	for range 2 * len(paths) {
		if img := <-answers; img == nil {
			t.Fatal("a request was answered without a thumbnail")
		}
	}
	if th.Decoded() != len(paths) || th.Len() != len(paths) {
		t.Errorf("%d decoded, %d cached; want each of the %d files once", th.Decoded(), th.Len(), len(paths))
	}
}
