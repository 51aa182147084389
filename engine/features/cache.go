package features

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// Cache stores feature vectors as small files:
// <dir>/<backbone key>/<sha256 of the image file>.f32 (little-endian float32).
type Cache struct{ dir string }

// NewCache uses dir, creating it when needed.
func NewCache(dir string) *Cache { return &Cache{dir: dir} }

// ContentHash identifies an image file by its bytes, so a renamed or copied
// picture still finds its features.
func ContentHash(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *Cache) path(key, content string) string {
	return filepath.Join(c.dir, key, content+".f32")
}

// Get returns the cached vector of the file with this content hash, or an
// error if there is none.
func (c *Cache) Get(key, content string) ([]float32, error) {
	p := c.path(key, content)
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if len(raw)%4 != 0 || len(raw) == 0 {
		return nil, fmt.Errorf("features: corrupt cache entry %s", p)
	}
	v := make([]float32, len(raw)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return v, nil
}

// Put stores the vector of the file with this content hash atomically
// (temporary file, then rename).
func (c *Cache) Put(key, content string, v []float32) error {
	p := c.path(key, content)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	raw := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(x))
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		tmp.Close()
		return fmt.Errorf("features: cache (disk full?): %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	return os.Rename(tmp.Name(), p)
}
