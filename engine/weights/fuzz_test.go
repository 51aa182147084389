package weights

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadPth feeds arbitrary bytes as a .pth file (torch zip or legacy
// pickle): a state dict or an error, never a panic, and allocations bounded
// by the file's size (pthbounded.go), so a small input cannot exhaust memory.
func FuzzLoadPth(f *testing.F) {
	for _, name := range []string{"checkpoint.pth", "complex-legacy.pth", "complex.pth", "mixed.pth", "model-key-legacy.pth", "model-object.pth"} {
		if raw, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(raw)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.pth")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sd, err := LoadPth(path)
		if err != nil {
			return
		}
		for name, tensor := range sd {
			if n := tensor.Numel(); n != len(tensor.Data) {
				t.Fatalf("%s: shape %v holds %d values, data has %d", name, tensor.Shape, n, len(tensor.Data))
			}
		}
	})
}

// FuzzLoadCheckpoint feeds arbitrary bytes as a TransferLab checkpoint
// (classifier files are checkpoints). The input gets a correct SHA-256
// trailer appended, so the fuzzer explores the header and tensor checks
// behind it rather than the checksum.
func FuzzLoadCheckpoint(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.tlw")
	if err := Save(seed, StateDict{"w": {Shape: []int{2, 3}, Data: []float32{1, 2, 3, 4, 5, 6}}, "b": {Shape: []int{2}, Data: []float32{0, 1}}},
		map[string]string{"note": "seed"}); err != nil {
		f.Fatal(err)
	}
	raw, _ := os.ReadFile(seed)
	f.Add(raw[:len(raw)-digestLen])
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		path := filepath.Join(dir, "fuzz.tlw")
		if err := os.WriteFile(path, append(body, sum[:]...), 0o644); err != nil {
			t.Fatal(err)
		}
		sd, _, err := Load(path)
		if err != nil {
			return
		}
		for name, tensor := range sd {
			if n := tensor.Numel(); n != len(tensor.Data) {
				t.Fatalf("%s: shape %v holds %d values, data has %d", name, tensor.Shape, n, len(tensor.Data))
			}
		}
	})
}
