package weights

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSaveLoadRoundTripRealWeights(t *testing.T) {
	sd, err := LoadPth(realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	meta := map[string]string{
		"network": "squeezenet1_1",
		"classes": `["ants","bees"]`,
		"case":    "1",
	}
	path := filepath.Join(t.TempDir(), "model.tlw")
	if err := Save(path, sd, meta); err != nil {
		t.Fatal(err)
	}
	got, gotMeta, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(gotMeta, meta) {
		t.Errorf("meta = %v, want %v", gotMeta, meta)
	}
	if !slices.Equal(got.Keys(), sd.Keys()) {
		t.Fatalf("keys differ")
	}
	for _, name := range sd.Keys() {
		if !slices.Equal(got[name].Shape, sd[name].Shape) || !slices.Equal(got[name].Data, sd[name].Data) {
			t.Errorf("%s differs after the round trip", name)
		}
	}
	// The layout is fixed: 16-byte prefix, JSON, padding to 64, float32s
	// (the .pth's 4 MB of parameters), 32-byte digest.
	var floats int64
	for _, tt := range sd {
		floats += int64(len(tt.Data))
	}
	size := fileSize(t, path)
	if dataStart := size - 32 - 4*floats; dataStart%64 != 0 || dataStart < 16 {
		t.Errorf("data starts at %d, want a multiple of 64", dataStart)
	}
	// Equal input, equal bytes: caches may key on the file's hash.
	again := filepath.Join(t.TempDir(), "again.tlw")
	if err := Save(again, sd, meta); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("saving the same weights twice gave different files")
	}
	if any, anyMeta, err := LoadAny(path); err != nil || len(any) != 52 || anyMeta["case"] != "1" {
		t.Errorf("LoadAny(checkpoint) = %d tensors, %v, %v", len(any), anyMeta, err)
	}
	if any, anyMeta, err := LoadAny(realLegacy(t)); err != nil || len(any) != 52 || anyMeta != nil {
		t.Errorf("LoadAny(.pth) = %d tensors, %v, %v", len(any), anyMeta, err)
	}
}

func smallCheckpoint(t *testing.T) (string, []byte) {
	t.Helper()
	sd := StateDict{
		"a":      {[]int{2, 3}, []float32{1, 2, 3, 4, 5, 6}},
		"b.bias": {[]int{}, []float32{-0.5}},
		"c":      {[]int{0, 4}, []float32{}},
	}
	path := filepath.Join(t.TempDir(), "small.tlw")
	if err := Save(path, sd, map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

func TestLoadDetectsTruncationAndDamage(t *testing.T) {
	path, good := smallCheckpoint(t)
	sd, meta, err := Load(path)
	if err != nil || meta["k"] != "v" || !slices.Equal(sd["a"].Data, []float32{1, 2, 3, 4, 5, 6}) ||
		sd["b.bias"].Data[0] != -0.5 || len(sd["c"].Data) != 0 || !slices.Equal(sd["c"].Shape, []int{0, 4}) {
		t.Fatalf("Load = %v, %v, %v", sd, meta, err)
	}
	for _, n := range []int{4, 15, 40, len(good) - 40, len(good) - 1} {
		cut := filepath.Join(t.TempDir(), "cut.tlw")
		os.WriteFile(cut, good[:n], 0o644)
		_, _, err := Load(cut)
		if !errors.Is(err, ErrTruncated) {
			t.Errorf("cut to %d bytes: got %v, want ErrTruncated", n, err)
		}
		mustContain(t, err, cut)
	}
	// Flip a byte of data, of the JSON header, and of the digest itself.
	for _, at := range []int{len(good) - 32 - 5, 30, len(good) - 1} {
		bad := slices.Clone(good)
		bad[at] ^= 0x01
		p := filepath.Join(t.TempDir(), "bad.tlw")
		os.WriteFile(p, bad, 0o644)
		if _, _, err := Load(p); !errors.Is(err, ErrCorrupt) {
			t.Errorf("byte %d flipped: got %v, want ErrCorrupt", at, err)
		}
	}
	longer := filepath.Join(t.TempDir(), "long.tlw")
	os.WriteFile(longer, append(slices.Clone(good), 0), 0o644)
	if _, _, err := Load(longer); !errors.Is(err, ErrCorrupt) {
		t.Errorf("trailing byte: got %v, want ErrCorrupt", err)
	}
	if _, _, err := Load(realZip(t)); !errors.Is(err, ErrNotWeights) {
		t.Errorf("a .pth: got %v, want ErrNotWeights", err)
	}
}

func TestSaveRejectsBadTensorsAndLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.tlw")
	for _, sd := range []StateDict{
		{"w": {[]int{2, 2}, []float32{1, 2, 3}}},
		{"w": nil},
		{"": {[]int{1}, []float32{1}}},
	} {
		if err := Save(path, sd, nil); err == nil {
			t.Errorf("Save(%v) succeeded", sd)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d files behind", len(entries))
	}
	if err := Save(filepath.Join(dir, "no", "such", "dir.tlw"), StateDict{}, nil); err == nil {
		t.Error("Save into a missing folder succeeded")
	}
}

// TestWriteAtomic: a write that fails halfway leaves the previous file
// intact and no temporary file behind.
func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write([]byte("old")); return err }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := writeAtomic(path, func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("new"), 1<<20))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file now holds %d bytes, want the old 3", len(b))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want 1", len(entries))
	}
}
