package session

import (
	"context"
	"path/filepath"
	"sync"

	"transferlab/engine/demo"
	"transferlab/engine/gpunet"
	"transferlab/engine/train"
	"transferlab/engine/weights"
)

// Session holds what outlives one call: the cache folder and the
// classifiers already loaded (the app's Try it classifies one picture at a
// time and should not reload the file for each).
type Session struct {
	// cacheDir holds weights and feature caches ($TRANSFERLAB_CACHE or the
	// user cache folder, as weights.CacheDir says).
	cacheDir string

	mu          sync.Mutex
	classifiers map[string]*train.Classifier // by file path
}

// Open starts a session on the user's cache folder.
func Open() (*Session, error) {
	dir, err := weights.CacheDir()
	if err != nil {
		return nil, err
	}
	return &Session{cacheDir: dir, classifiers: map[string]*train.Classifier{}}, nil
}

// featureCache is where the frozen-backbone cases keep backbone features.
func (s *Session) featureCache() string { return filepath.Join(s.cacheDir, "features") }

// Devices looks for Vulkan GPUs and says what "auto" would use; it may take
// a moment.
func (s *Session) Devices() gpunet.Survey { return gpunet.Look() }

// MakeDemo draws the demo's shapes (engine/demo) into dir, one folder per
// class, so a first run needs nothing downloaded.
func (s *Session) MakeDemo(ctx context.Context, dir string) error {
	_, err := demo.Generate(ctx, dir, demo.Default())
	return err
}
