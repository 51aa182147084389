package weights

import (
	"archive/zip"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A tiny file whose pickle claims a 3 GB string fails fast, allocating no
// more than its size (and the read buffer) allows: the 21-byte legacy file
// of issue 14 made the loader allocate gigabytes first.
func TestLoadPthBoundsAllocationsByFileSize(t *testing.T) {
	const claim = 3 << 30
	var long [8]byte
	binary.LittleEndian.PutUint64(long[:], claim)
	legacy := append([]byte(legacyMagic), 'X')
	legacy = append(legacy, long[:4]...) // BINUNICODE, 4-byte length
	legacy = append(legacy, "ab"...)
	if len(legacy) != 21 {
		t.Fatalf("legacy file of %d bytes, want 21", len(legacy))
	}
	files := map[string]string{
		"21-byte legacy": writeBytes(t, "tiny.pth", legacy),
		"zip, BINBYTES8": zipWithPickle(t, append(append([]byte("\x80\x02\x8e"), long[:]...), 'x')),
		"zip, LONG4":     zipWithPickle(t, append([]byte("\x80\x02\x8b"), long[:4]...)),
	}
	for name, path := range files {
		before := totalAlloc()
		_, err := LoadPth(path)
		grew := totalAlloc() - before
		if err == nil || !(errors.Is(err, ErrCorrupt) || errors.Is(err, ErrTruncated)) {
			t.Errorf("%s: %v, want damaged or truncated", name, err)
		}
		if grew > 16<<20 {
			t.Errorf("%s: allocated %d MB for a %d-byte file", name, grew>>20, fileSize(t, path))
		}
	}
}

func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

func writeBytes(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// zipWithPickle is a torch.save-shaped zip holding only archive/data.pkl.
func zipWithPickle(t *testing.T, pkl []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "forged.pth")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "archive/data.pkl", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(pkl)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
