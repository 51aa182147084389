package features

import (
	"bytes"
	"testing"
)

// FuzzDecodeEntry feeds arbitrary bytes as a cache entry: decodeEntry
// refuses it or returns the vector whose encoding is exactly these bytes,
// so a damaged entry can only be refused (and recomputed), never misread.
func FuzzDecodeEntry(f *testing.F) {
	f.Add(encodeEntry([]float32{1, -2.5, 3e-7, 0, 42}))
	f.Add(encodeEntry([]float32{0.5}))
	f.Add([]byte(entryMagic))
	f.Fuzz(func(t *testing.T, raw []byte) {
		v, err := decodeEntry(raw)
		if err != nil {
			return
		}
		if again := encodeEntry(v); !bytes.Equal(again, raw) {
			t.Fatalf("accepted %d bytes that do not round-trip", len(raw))
		}
	})
}
