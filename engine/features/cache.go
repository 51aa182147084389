package features

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
)

// Cache stores feature vectors as small files:
// <dir>/<backbone key>/<sha256 of the image file>.v2 holding entryMagic, the
// vector's length (uint32), the vector (little-endian float32) and the
// CRC-32C of everything before it. Version 1 entries (.f32, bare floats)
// had no length or checksum, so a cut or overwritten entry was used
// silently; they are never read again, and simply recomputed.
//
// A cache that cannot be written (a full disk, a read-only folder) is turned
// off for the rest of the run rather than failing it: the features are still
// computed, only not kept. Off records why, for the caller to say so once.
type Cache struct {
	dir string
	off error
}

const (
	entryMagic = "TLFEATv2"
	entryExt   = ".v2"
	headerLen  = len(entryMagic) + 4
	sumLen     = 4
)

// NewCache uses dir, creating it when needed.
func NewCache(dir string) *Cache { return &Cache{dir: dir} }

func (c *Cache) path(key, content string) string {
	return filepath.Join(c.dir, key, content+entryExt)
}

// Get returns the cached vector of the file with this content hash, or an
// error if there is none or it is damaged (the caller recomputes it).
func (c *Cache) Get(key, content string) ([]float32, error) {
	p := c.path(key, content)
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	v, err := decodeEntry(raw)
	if err != nil {
		return nil, fmt.Errorf("features: damaged cache entry %s: %w", p, err)
	}
	return v, nil
}

// decodeEntry checks an entry's magic, length and checksum before
// decoding it.
func decodeEntry(raw []byte) ([]float32, error) {
	if len(raw) < headerLen+sumLen || string(raw[:len(entryMagic)]) != entryMagic {
		return nil, fmt.Errorf("not a version 2 entry")
	}
	body, sum := raw[:len(raw)-sumLen], raw[len(raw)-sumLen:]
	if checksum(body) != binary.LittleEndian.Uint32(sum) {
		return nil, fmt.Errorf("checksum mismatch")
	}
	n := binary.LittleEndian.Uint32(raw[len(entryMagic):])
	floats := body[headerLen:]
	if n == 0 || uint64(len(floats)) != 4*uint64(n) {
		return nil, fmt.Errorf("%d bytes of values for %d values", len(floats), n)
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(floats[4*i:]))
	}
	return v, nil
}

// encodeEntry is the inverse of decodeEntry.
func encodeEntry(v []float32) []byte {
	raw := make([]byte, headerLen, headerLen+4*len(v)+sumLen)
	copy(raw, entryMagic)
	binary.LittleEndian.PutUint32(raw[len(entryMagic):], uint32(len(v)))
	for _, x := range v {
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(x))
	}
	return binary.LittleEndian.AppendUint32(raw, checksum(raw))
}

// Off is why the cache stopped storing entries, or nil while it works.
func (c *Cache) Off() error { return c.off }

// keep stores the vector like Put; the first failure turns the cache off
// (entries already stored are still read) instead of ending the run.
func (c *Cache) keep(key, content string, v []float32) {
	if c.off != nil {
		return
	}
	if err := c.Put(key, content, v); err != nil {
		c.off = err
	}
}

// Put stores the vector of the file with this content hash atomically
// (temporary file, then rename), replacing a damaged entry.
func (c *Cache) Put(key, content string, v []float32) error {
	p := c.path(key, content)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(encodeEntry(v)); err != nil {
		tmp.Close()
		return fmt.Errorf("features: cache (disk full?): %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("features: cache: %w", err)
	}
	return nil
}

// checksum is CRC-32C (hardware-accelerated on most CPUs; the standard
// library builds its table once): an entry only needs to catch damage, not
// tampering.
func checksum(b []byte) uint32 {
	return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
}
