package pictures_test

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"transferlab/ui/fakeengine"
	"transferlab/ui/pictures"
	"transferlab/ui/uitest"
	"transferlab/ui/window"
	"transferlab/ui/words"
)

// BenchmarkWindow10000 is BenchmarkPictures10000's UI steps in the whole
// window, so every screen that listens to the project pays its share, as
// in the app: opening a saved project of TRANSFERLAB_BENCH_PICTURES
// (10,000) pictures, select all (the button), and labelling them all (key
// 2). Jobs (engine calls, thumbnails) are queued and not run: what is
// timed is the UI goroutine's work. save-ms is an autosave of the project,
// which the app does on a timer goroutine.
//
//	CGO_ENABLED=0 go test -tags ci -run '^$' -bench Window10000 -benchtime 1x ./ui/pictures
func BenchmarkWindow10000(b *testing.B) {
	n := pictures.BenchN(b)
	dir := b.TempDir()
	paths := pictures.ManyPictures(b, dir, "mixed", n)
	file := filepath.Join(dir, "big.tlproj")
	start := time.Now()
	if err := pictures.ProjectOf(b, "mixed", paths).Save(file); err != nil {
		b.Fatal(err)
	}
	save := time.Since(start)
	var open, selectAll, labelAll time.Duration
	b.ResetTimer()
	for range b.N {
		var jobs []func()
		u := window.New(test.NewTempApp(b), fakeengine.New(), window.WithWorkDir(b.TempDir()),
			window.WithAutosaveDelay(time.Hour), window.WithLauncher(func(job func()) { jobs = append(jobs, job) }))
		start := time.Now()
		if err := u.OpenProject(file); err != nil {
			b.Fatal(err)
		}
		open += time.Since(start)
		screen := uitest.Screen(b, u, uitest.ScreenPictures)

		start = time.Now()
		uitest.Tap(b, screen, "Select all")
		selectAll += time.Since(start)

		start = time.Now()
		test.TypeOnCanvas(u.Window().Canvas(), "2")
		labelAll += time.Since(start)
		uitest.Label(b, screen, words.Pictures(n))
		u.Window().Close()
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(open), "open-ms")
	b.ReportMetric(ms(selectAll), "select-all-ms")
	b.ReportMetric(ms(labelAll), "label-all-ms")
	b.ReportMetric(float64(save.Microseconds())/1000, "save-ms")
}
