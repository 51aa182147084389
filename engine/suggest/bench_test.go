package suggest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"transferlab/engine/features"
)

// BenchmarkSuggestThousand suggests classes for 1,000 unlabelled pictures
// from ten labelled ants and ten labelled bees, with SqueezeNet on the CPU:
// "uncached" computes every feature (a new cache each time), "cached"
// finds them all in the cache, as a second round of labelling does. The
// 1,000 are hymenoptera's pictures again and again, each copy with bytes
// of its own after the end of the JPEG (ignored by the decoder), so each
// has its own content hash and costs a real pass. Run it with
//
//	go test -run X -bench SuggestThousand -benchtime 1x ./engine/suggest/
func BenchmarkSuggestThousand(b *testing.B) {
	cut := cutAntsAndBees(b, 10, 1)
	pile := distinctCopies(b, cut.unlabelled, 1000)
	ex := squeezenet(b)
	job := Job{Classes: cut.classes, Unlabelled: pile, Backbone: ex}
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			job.Cache = features.NewCache(b.TempDir())
			b.StartTimer()
			if _, err := Run(context.Background(), job, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/1000pictures")
	})
	b.Run("cached", func(b *testing.B) {
		job.Cache = features.NewCache(b.TempDir())
		if _, err := Run(context.Background(), job, nil); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if _, err := Run(context.Background(), job, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/1000pictures")
	})
}

// distinctCopies writes n files cycling through pictures, each with its
// index appended after the picture's own bytes.
func distinctCopies(b *testing.B, pictures []string, n int) []string {
	dir := b.TempDir()
	out := make([]string, n)
	for i := range out {
		raw, err := os.ReadFile(pictures[i%len(pictures)])
		if err != nil {
			b.Fatal(err)
		}
		out[i] = filepath.Join(dir, fmt.Sprintf("%04d.jpg", i))
		if err := os.WriteFile(out[i], append(raw, fmt.Sprintf("copy %d", i)...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return out
}
