package train

import (
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/image/draw"

	"transferlab/engine/dataset"
	"transferlab/engine/imageprep"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// BenchmarkCase1Rerun measures case 1 (SqueezeNet 1.1, real weights, 224
// crops) on a folder of N distinct 400×300 JPEG photos, scan included: the
// first run (every feature computed) and a re-run whose features are all
// cached, which reads each picture once and decodes none. N is
// TRANSFERLAB_BENCH_PICTURES (default 64). For the figures in the issue:
//
//	TRANSFERLAB_BENCH_PICTURES=6000 go test -run '^$' -bench Case1Rerun -benchtime 1x -timeout 60m ./engine/train
func BenchmarkCase1Rerun(b *testing.B) {
	n := 64
	if s := os.Getenv("TRANSFERLAB_BENCH_PICTURES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 4 {
			b.Fatalf("TRANSFERLAB_BENCH_PICTURES=%q: want a number of pictures, at least 4", s)
		}
	}
	root := b.TempDir()
	writePictures(b, shareddata.Path(b, "datasets/catsdogs-60"), root, n)
	sd, err := weights.LoadPth(shareddata.Path(b, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		b.Fatal(err)
	}
	job := Job{Config: Config{Network: "squeezenet1_1", Case: 1, Seed: 1}, Pretrained: sd}
	caches := b.TempDir() // outlives the sub-benchmarks, unlike theirs
	var filled string     // a cache the first runs filled, for the re-runs
	b.Run(fmt.Sprintf("first-run/%d-pictures", n), func(b *testing.B) {
		for i := range b.N {
			job.FeatureCache = filepath.Join(caches, fmt.Sprintf("first-%d-%d", b.N, i))
			reportRun(b, scanAndRun(b, root, job))
			filled = job.FeatureCache
		}
	})
	b.Run(fmt.Sprintf("cached-re-run/%d-pictures", n), func(b *testing.B) {
		if filled == "" { // run alone: fill a cache first, untimed
			b.StopTimer()
			job.FeatureCache = filepath.Join(caches, "filled")
			scanAndRun(b, root, job)
			filled = job.FeatureCache
			b.StartTimer()
		}
		job.FeatureCache = filled
		for range b.N {
			res := scanAndRun(b, root, job)
			if res.FeaturesComputed != 0 {
				b.Fatalf("re-run computed %d features, want all cached", res.FeaturesComputed)
			}
			reportRun(b, res)
		}
	})
}

// scanAndRun is what `transferlab train` does after loading the weights.
func scanAndRun(b *testing.B, root string, job Job) *Result {
	data, err := dataset.Scan(context.Background(), root, dataset.Options{ValFraction: 0.2, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	distinct := map[string]bool{}
	for _, h := range data.Hashes {
		distinct[h] = true
	}
	if n := len(data.Train) + len(data.Val); len(distinct) != n || len(data.Skipped) > 0 {
		b.Fatalf("%d distinct pictures of %d, %d skipped: the benchmark's pictures should all differ", len(distinct), n, len(data.Skipped))
	}
	job.Data = data
	res, _, err := Run(context.Background(), job, nil)
	if err != nil {
		b.Fatal(err)
	}
	return res
}

func reportRun(b *testing.B, res *Result) {
	b.ReportMetric(res.BackboneSeconds, "backbone-s/op")
	b.ReportMetric(float64(res.FeaturesComputed), "computed/op")
}

// writePictures writes n distinct 400×300 JPEG photos into root/cat and
// root/dog: each is a different window of one of src's photos (src/cat,
// src/dog), scaled, so no two files are the same picture.
func writePictures(b *testing.B, src, root string, n int) {
	b.Helper()
	cats, _ := filepath.Glob(filepath.Join(src, "cat", "*.jpg"))
	dogs, _ := filepath.Glob(filepath.Join(src, "dog", "*.jpg"))
	if len(cats) == 0 || len(dogs) == 0 {
		b.Fatalf("no photos in %s/cat or %s/dog", src, src)
	}
	var sources []string // cat, dog, cat, ...: any n has both classes
	for i := range min(len(cats), len(dogs)) {
		sources = append(sources, cats[i], dogs[i])
	}
	for _, class := range []string{"cat", "dog"} {
		if err := os.MkdirAll(filepath.Join(root, class), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	for s, path := range sources {
		m, err := imageprep.Decode(path)
		if err != nil {
			b.Fatal(err)
		}
		class := filepath.Base(filepath.Dir(path))
		for v := 0; s+v*len(sources) < n; v++ {
			out := filepath.Join(root, class, fmt.Sprintf("%s-%05d.jpg", class, s+v*len(sources)))
			if err := writeVariant(m, v, out); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// writeVariant scales window v of m (it shrinks and shifts with v) to
// 400×300 and writes it as a JPEG.
func writeVariant(m image.Image, v int, path string) error {
	r := m.Bounds()
	shrink := 1 + v%20 // percent trimmed from each side
	dx, dy := r.Dx()*shrink/100, r.Dy()*shrink/100
	shift := (v / 20) % 9
	window := image.Rect(r.Min.X+dx+shift, r.Min.Y+dy+shift/3, r.Max.X-dx, r.Max.Y-dy)
	dst := image.NewRGBA(image.Rect(0, 0, 400, 300))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), m, window, draw.Src, nil)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, dst, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
