package weights

import (
	"fmt"
	"os"
	"path/filepath"
)

// CacheEnv overrides the cache folder (classrooms point it at a shared or
// pre-filled folder; tests at a temporary one).
const CacheEnv = "TRANSFERLAB_CACHE"

// CacheDir is $TRANSFERLAB_CACHE when set, else the user's cache folder plus
// "transferlab" (~/.cache/transferlab, %LocalAppData%\transferlab,
// ~/Library/Caches/transferlab). It is not created here.
func CacheDir() (string, error) {
	if dir := os.Getenv(CacheEnv); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("weights: no cache folder (set %s): %w", CacheEnv, err)
	}
	return filepath.Join(base, "transferlab"), nil
}

// WeightsDir is the folder of cached weights files: CacheDir()/weights.
func WeightsDir() (string, error) {
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "weights"), nil
}

// Cached returns the cached weights file of a network, if there is one.
// Only Fetch and Import place files there, after verifying them, and both
// do so atomically, so a present file is a complete one.
func Cached(network string) (string, bool) {
	src, ok := Official(network)
	if !ok {
		return "", false
	}
	dir, err := WeightsDir()
	if err != nil {
		return "", false
	}
	path := filepath.Join(dir, src.File)
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return "", false
	}
	return path, true
}
