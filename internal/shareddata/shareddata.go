// Package shareddata locates the project's shared test data (real weights,
// photos and datasets that are never committed): $TRANSFERLAB_DATA if set,
// else ../shared/data beside the repository root. Tests fail, never skip,
// when it is missing.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// EnvVar overrides where the shared data lives.
const EnvVar = "TRANSFERLAB_DATA"

// Path returns the absolute path of rel inside the shared data, failing the
// test with a clear message if it does not exist.
func Path(t testing.TB, rel string) string {
	t.Helper()
	root, err := root()
	if err != nil {
		t.Fatalf("shared test data: %v", err)
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared test data %s is missing (set %s to the folder holding weights/, images/, datasets/): %v", p, EnvVar, err)
	}
	return p
}

func root() (string, error) {
	if dir := os.Getenv(EnvVar); dir != "" {
		return filepath.Abs(dir)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "data"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
