package weights

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// dataDir is the shared test data: $TRANSFERLAB_DATA, else ../shared/data
// beside the repository. Missing data fails the test; it never skips.
func dataDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("TRANSFERLAB_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "weights")); err != nil {
		t.Fatalf("shared test data not found at %s (set TRANSFERLAB_DATA): %v", dir, err)
	}
	return dir
}

func realZip(t *testing.T) string {
	return filepath.Join(dataDir(t), "weights", "squeezenet1_1-imagenet.pth")
}

func realLegacy(t *testing.T) string {
	return filepath.Join(dataDir(t), "weights", "squeezenet1_1-imagenet-legacy.pth")
}

// readExpects parses testdata/<net>-keys.tsv, written by gen_fixtures.py
// from torchvision's own state_dict: name<TAB>comma-separated shape.
func readExpects(t *testing.T, net string) []Expect {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", net+"-keys.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Expect
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, dims, _ := strings.Cut(sc.Text(), "\t")
		out = append(out, Expect{Name: name, Shape: parseInts(t, dims)})
	}
	return out
}

func parseInts(t *testing.T, s string) []int {
	t.Helper()
	out := []int{}
	if s == "" {
		return out
	}
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// writePrefix copies the first n bytes of src into a new temporary file.
func writePrefix(t *testing.T, src string, n int64) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if n < 0 {
		n += int64(len(b))
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, b[:n], 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func mustContain(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
}
