package project

import (
	"os"
	"path/filepath"
	"testing"

	"transferlab/internal/shareddata"
)

// copyCatsDogs copies n pictures of each class of catsdogs-60 into a temp
// folder (tests may then touch files without risking the shared data).
func copyCatsDogs(t *testing.T, n int) (root string, cats, dogs []string) {
	t.Helper()
	src := shareddata.Path(t, "datasets/catsdogs-60")
	root = t.TempDir()
	for _, class := range []string{"cat", "dog"} {
		entries, err := os.ReadDir(filepath.Join(src, class))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(filepath.Join(root, class), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries[:n] {
			data, err := os.ReadFile(filepath.Join(src, class, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			dst := filepath.Join(root, class, e.Name())
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if class == "cat" {
				cats = append(cats, dst)
			} else {
				dogs = append(dogs, dst)
			}
		}
	}
	return root, cats, dogs
}
