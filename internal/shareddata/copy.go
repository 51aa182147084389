package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Copy copies the shared folder rel into a new temporary folder, for tests
// that change what they are given (relabel, move, corrupt), and returns the
// copy's path (its name is rel's last element).
func Copy(t testing.TB, rel string) string {
	t.Helper()
	src := Path(t, rel)
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// FileState is a file's bytes and modification time, to prove a test left
// a user's picture untouched.
func FileState(t testing.TB, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime().String() + string(data)
}
