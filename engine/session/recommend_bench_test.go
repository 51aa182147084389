package session

import (
	"context"
	"testing"

	"transferlab/engine/train"
	"transferlab/internal/shareddata"
)

// BenchmarkAdviseAntsBees is Recommend on the shared ants/bees (397
// pictures, 300 sampled) with SqueezeNet: cold (an empty feature cache,
// every sampled picture through the network) and warm (all cached: the
// cross-validation and one timed batch). The issue asks for under a minute
// cold on a 2-core machine.
func BenchmarkAdviseAntsBees(b *testing.B) {
	pth := shareddata.Path(b, "weights/squeezenet1_1-imagenet.pth")
	data := shareddata.Path(b, "datasets/hymenoptera")
	advise := func(b *testing.B, s *Session) {
		col, err := s.Collect(context.Background(), []string{data}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Recommend(context.Background(), "squeezenet1_1", pth, col.Classes, nil); err != nil {
			b.Fatal(err)
		}
	}
	newSession := func(b *testing.B) *Session {
		return &Session{cacheDir: b.TempDir(), classifiers: map[string]*train.Classifier{}}
	}
	b.Run("cold", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			s := newSession(b)
			b.StartTimer()
			advise(b, s)
		}
	})
	b.Run("warm", func(b *testing.B) {
		s := newSession(b)
		advise(b, s)
		b.ResetTimer()
		for range b.N {
			advise(b, s)
		}
	})
}
