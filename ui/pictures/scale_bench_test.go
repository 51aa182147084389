package pictures

import (
	"runtime"
	"testing"
	"time"

	"transferlab/ui/fakeengine"
)

// jobQueue is a launcher that keeps jobs until run: what the app would do
// on other goroutines happens here between the UI steps, so the benchmark
// can time the UI goroutine's share and the decoding apart.
type jobQueue struct{ jobs []func() }

func (q *jobQueue) launch(job func()) { q.jobs = append(q.jobs, job) }

// run runs every queued job, and those they queue, and says how long that took.
func (q *jobQueue) run() time.Duration {
	start := time.Now()
	for len(q.jobs) > 0 {
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		job()
	}
	return time.Since(start)
}

// heapMB is the live heap after a collection, in MB.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkPictures10000 opens a project of TRANSFERLAB_BENCH_PICTURES
// (10,000) real pictures in one class on the Pictures screen and times,
// on the UI goroutine: the screen appearing after the project loads,
// jumping to the end of the grid, select all, a refresh with all selected
// (as adding a class does), tapping one picture, and labelling them all
// (key 2). Decoding thumbnails (off the UI goroutine in the app) is timed apart,
// after showing the screen and after scrolling through the whole grid
// page by page; heap-MB is the heap the screen and its thumbnails hold then.
//
//	CGO_ENABLED=0 go test -tags ci -run '^$' -bench Pictures10000 -benchtime 1x ./ui/pictures
func BenchmarkPictures10000(b *testing.B) {
	n := benchPictures(b)
	paths := manyPictures(b, b.TempDir(), "mixed", n)
	var show, decodeShown, toEnd, scrollAll, selectAll, refreshSelected, toggle, labelAll time.Duration
	var shownThumbs, cached int
	var heap float64
	b.ResetTimer()
	for range b.N {
		var q jobQueue
		bench, d := newBenchWith(b, fakeengine.New(), "", q.launch)
		p := projectOf(b, "mixed", paths)
		base := heapMB()

		start := time.Now()
		bench.Store.Open(p, "")
		show += time.Since(start)
		decodeShown += q.run()
		shownThumbs += d.thumbs.Decoded()

		start = time.Now()
		d.grid.ScrollToBottom()
		toEnd += time.Since(start)
		q.run()

		d.grid.ScrollToTop()
		page := d.grid.Size().Height
		for off := float32(0); off < d.grid.MinSize().Height+float32(n)*150; off += page {
			before := d.grid.GetScrollOffset()
			d.grid.ScrollToOffset(off)
			scrollAll += q.run()
			if off > 0 && d.grid.GetScrollOffset() == before {
				break // the end
			}
		}
		cached += d.thumbs.Len()
		heap += heapMB() - base

		start = time.Now()
		d.SelectAll()
		selectAll += time.Since(start)

		start = time.Now()
		d.refresh() // e.g. a class added while all are selected
		refreshSelected += time.Since(start)

		start = time.Now()
		d.toggle(paths[n-1])
		d.toggle(paths[n-1])
		toggle += time.Since(start) / 2

		start = time.Now()
		d.TypedRune('2')
		labelAll += time.Since(start)
		q.run()
		if got := len(p.ImagesOf("labelled")); got != n {
			b.Fatalf("%d pictures labelled, want %d", got, n)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(show), "show-ms")
	b.ReportMetric(float64(shownThumbs)/float64(b.N), "thumbs-decoded-at-show")
	b.ReportMetric(ms(decodeShown), "decode-shown-ms")
	b.ReportMetric(ms(toEnd), "to-end-ms")
	b.ReportMetric(ms(scrollAll), "decode-scroll-all-ms")
	b.ReportMetric(float64(cached)/float64(b.N), "thumbs-cached")
	b.ReportMetric(heap/float64(b.N), "heap-MB")
	b.ReportMetric(ms(selectAll), "select-all-ms")
	b.ReportMetric(ms(refreshSelected), "refresh-all-selected-ms")
	b.ReportMetric(ms(toggle), "tap-one-ms")
	b.ReportMetric(ms(labelAll), "label-all-ms")
}
