//go:build ci

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"transferlab/engine/cases"
	"transferlab/internal/shareddata"
	"transferlab/ui/uitest"
)

// BenchmarkAppCase1ManyPictures is the app with the real engine on
// TRANSFERLAB_BENCH_PICTURES pictures (default 1,000; catsdogs-60's photos,
// each copy a file of its own): dropped on the window, case 1 with
// SqueezeNet trained, then idle. It reports the process's peak resident
// memory (VmHWM) once the pictures are in (scan and advice) and after
// training, and what it holds once training has ended and Go has collected
// (VmRSS), in MB:
//
//	TRANSFERLAB_BENCH_PICTURES=10000 go test -tags ci -run '^$' -bench AppCase1ManyPictures -benchtime 1x ./app
func BenchmarkAppCase1ManyPictures(b *testing.B) {
	n := 1000
	if s := os.Getenv("TRANSFERLAB_BENCH_PICTURES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 4 {
			b.Fatalf("TRANSFERLAB_BENCH_PICTURES=%q: want a number of pictures, at least 4", s)
		}
	}
	root := b.TempDir()
	copyPictures(b, shareddata.Path(b, "datasets/catsdogs-60"), root, n)
	for range b.N {
		u := newWindow(b)
		u.ImportWeights(shareddata.Path(b, "weights/squeezenet1_1-imagenet.pth"))
		uitest.Drop(u, root) // the scan, and the advice it asks for
		b.ReportMetric(statusMB(b, "VmHWM"), "added-peak-MB")
		uitest.ChooseCase(b, u, cases.FrozenBackbone)
		uitest.Train(b, u)
		runtime.GC()
		b.ReportMetric(statusMB(b, "VmHWM"), "peak-MB")
		b.ReportMetric(statusMB(b, "VmRSS"), "after-MB")
	}
}

// copyPictures fills root/cat and root/dog with n pictures in all, copies
// of src's photos, each with its number after the end of the image so no
// two files are the same (the scan would call them duplicates).
func copyPictures(b *testing.B, src, root string, n int) {
	b.Helper()
	for i := range n {
		class := []string{"cat", "dog"}[i%2]
		from := filepath.Join(src, class, fmt.Sprintf("%s-%02d.jpg", class, i/2%30+1))
		data, err := os.ReadFile(from)
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(filepath.Join(root, class), 0o755)
		out := filepath.Join(root, class, fmt.Sprintf("%s-%05d.jpg", class, i))
		if err := os.WriteFile(out, append(data, fmt.Sprintf("%08d", i)...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// statusMB reads one memory line of /proc/self/status (in kB) in MB.
func statusMB(b *testing.B, key string) float64 {
	b.Helper()
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, key+":"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatalf("/proc/self/status has no %s", key)
	return 0
}
