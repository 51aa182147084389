package train

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"transferlab/engine/imageprep"
	"transferlab/engine/weights"
)

// FuzzLoadClassifier feeds arbitrary bytes as a classifier file. The input
// gets a correct SHA-256 trailer appended, so the fuzzer explores what the
// checksum cannot catch: the description and tensors a program (or a hand)
// wrote. LoadClassifier returns a classifier that passed check, or an
// error; a classifier it returns must compile (Predictor) without a panic.
func FuzzLoadClassifier(f *testing.F) {
	dir := f.TempDir()
	for i, c := range []*Classifier{
		{Network: "squeezenet1_1", Case: 1, UpTo: 13, Classes: []string{"cat", "dog"}, Transform: imageprep.ImageNetAt(64)},
		{Network: "resnet18", Case: 3, Classes: []string{"a", "b", "c"}, Transform: imageprep.ImageNet()},
	} {
		desc, _ := json.Marshal(c)
		seed := filepath.Join(dir, "seed.tlc")
		err := weights.Save(seed, weights.StateDict{"fc.weight": {Shape: []int{2, 4}, Data: make([]float32, 8)}},
			map[string]string{metaKey: string(desc)})
		if err != nil {
			f.Fatal(i, err)
		}
		raw, _ := os.ReadFile(seed)
		f.Add(raw[:len(raw)-sha256.Size])
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		path := filepath.Join(dir, "fuzz.tlc")
		if err := os.WriteFile(path, append(body, sum[:]...), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := LoadClassifier(path)
		if err != nil {
			return
		}
		r, err := c.Predictor(1)
		if err == nil {
			r.Close()
		}
	})
}
