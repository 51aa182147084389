package weights

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nlpodyssey/gopickle/types"
)

// rezip copies views.pth record by record with the given compression,
// adding extra records.
func rezip(t *testing.T, method uint16, extra map[string]string) string {
	t.Helper()
	zr, err := zip.OpenReader(filepath.Join("testdata", "views.pth"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "rezipped.pth")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, rec := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: rec.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		rc, _ := rec.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	for name, body := range extra {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

// A user may re-zip a file with compression; records are then read
// through a decompressor, which may return short reads.
func TestLoadPthRecompressedZip(t *testing.T) {
	sd, err := LoadPth(rezip(t, zip.Deflate, nil))
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range viewsWant() {
		if got := sd[name]; got == nil || !slices.Equal(got.Data, w.Data) {
			t.Errorf("%s = %v, want %v", name, got, w)
		}
	}
}

func TestLoadPthBigEndianZip(t *testing.T) {
	var prefix string
	zr, _ := zip.OpenReader(filepath.Join("testdata", "views.pth"))
	for _, f := range zr.File {
		if filepath.Base(f.Name) == "data.pkl" {
			prefix = filepath.Dir(f.Name) + "/"
		}
	}
	zr.Close()
	_, err := LoadPth(rezip(t, zip.Store, map[string]string{prefix + "byteorder": "big"}))
	if !errors.Is(err, ErrUnsupported) {
		t.Fatalf("got %v, want ErrUnsupported", err)
	}
	mustContain(t, err, `byte order "big"`)
	if _, err := LoadPth(rezip(t, zip.Store, map[string]string{prefix + "byteorder": "little"})); err != nil {
		t.Errorf("little-endian marker: %v", err)
	}
}

// TestStorageViews covers the (view_key, offset, size) metadata of files
// from PyTorch < 0.4, which today's torch can no longer write.
func TestStorageViews(t *testing.T) {
	root := &rootStorage{key: "k", kind: storageKindFor("FloatStorage"), n: 10, read: true,
		data: []float32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}
	view, err := viewOf(root, &types.Tuple{"v", 2, 6})
	if err != nil {
		t.Fatal(err)
	}
	ref := &tensorRef{st: view, offset: 1, size: []int{2, 2}, stride: []int{1, 2}}
	root.refs = 1
	tt, err := ref.toTensor()
	if err != nil || !slices.Equal(tt.Data, []float32{3, 5, 4, 6}) {
		t.Errorf("view tensor = %v, %v; want [3 5 4 6]", tt, err)
	}
	ref.size = []int{2, 3} // reaches element 1+1+4 = 6 of a 6-element view
	if _, err := ref.toTensor(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("out-of-view tensor: %v", err)
	}
	if _, err := viewOf(root, &types.Tuple{"v", 8, 6}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("view past its storage: %v", err)
	}
}
