package weights

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"math"
)

// The checkpoint layout, all integers little-endian:
//
//	0      magic "TLWEIGHT"
//	8      uint32 format version (1)
//	12     uint32 header length H
//	16     H bytes of JSON: checkpointHeader
//	16+H   zero padding to a multiple of 64, so data could be mapped aligned
//	D      float32 data of every tensor, in header order, back to back
//	end-32 SHA-256 of every byte before it
const (
	checkpointMagic   = "TLWEIGHT"
	checkpointVersion = 1
	checkpointAlign   = 64
	prefixLen         = 16
	digestLen         = sha256.Size
)

type checkpointHeader struct {
	Tensors   []tensorHeader    `json:"tensors"`
	DataBytes int64             `json:"data_bytes"`
	Meta      map[string]string `json:"meta,omitempty"`
}

type tensorHeader struct {
	Name   string `json:"name"`
	Shape  []int  `json:"shape"`
	Offset int64  `json:"offset"` // bytes from the start of the data
}

// Save writes sd and meta as a TransferLab checkpoint, atomically: the file
// at path is either the previous one or the complete new one. Tensors are
// stored in sorted name order, so equal inputs give byte-identical files.
// meta holds free-form strings (class names, network, case, preprocessing,
// metrics as JSON).
func Save(path string, sd StateDict, meta map[string]string) error {
	header, err := buildHeader(sd, meta)
	if err != nil {
		return fmt.Errorf("weights: save %s: %w", path, err)
	}
	err = writeAtomic(path, func(w io.Writer) error { return writeCheckpoint(w, header, sd) })
	if err != nil {
		return fmt.Errorf("weights: save %s: %w", path, err)
	}
	return nil
}

func buildHeader(sd StateDict, meta map[string]string) (*checkpointHeader, error) {
	h := &checkpointHeader{Meta: meta}
	for _, name := range sd.Keys() {
		t := sd[name]
		if name == "" || t == nil {
			return nil, fmt.Errorf("empty name or nil tensor %q", name)
		}
		for _, d := range t.Shape {
			if d < 0 {
				return nil, fmt.Errorf("%s: negative dimension in %s", name, formatShape(t.Shape))
			}
		}
		if len(t.Data) != t.Numel() {
			return nil, fmt.Errorf("%s: shape %s needs %d values, tensor has %d", name, formatShape(t.Shape), t.Numel(), len(t.Data))
		}
		h.Tensors = append(h.Tensors, tensorHeader{Name: name, Shape: t.Shape, Offset: h.DataBytes})
		h.DataBytes += 4 * int64(len(t.Data))
	}
	return h, nil
}

func writeCheckpoint(w io.Writer, h *checkpointHeader, sd StateDict) error {
	js, err := json.Marshal(h)
	if err != nil {
		return err
	}
	sum := sha256.New()
	hw := io.MultiWriter(w, sum)
	var prefix [prefixLen]byte
	copy(prefix[:], checkpointMagic)
	binary.LittleEndian.PutUint32(prefix[8:], checkpointVersion)
	binary.LittleEndian.PutUint32(prefix[12:], uint32(len(js)))
	if _, err := hw.Write(prefix[:]); err != nil {
		return err
	}
	if _, err := hw.Write(js); err != nil {
		return err
	}
	if _, err := hw.Write(make([]byte, padding(len(js)))); err != nil {
		return err
	}
	for _, th := range h.Tensors {
		if err := writeFloats(hw, sd[th.Name].Data); err != nil {
			return err
		}
	}
	_, err = w.Write(sum.Sum(nil))
	return err
}

// padding after a header of n bytes, so the data starts aligned.
func padding(n int) int {
	return (checkpointAlign - (prefixLen+n)%checkpointAlign) % checkpointAlign
}

func writeFloats(w io.Writer, data []float32) error {
	buf := make([]byte, 4*min(len(data), 1<<14))
	for len(data) > 0 {
		k := min(len(data), len(buf)/4)
		for i, v := range data[:k] {
			binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
		}
		if _, err := w.Write(buf[:4*k]); err != nil {
			return err
		}
		data = data[k:]
	}
	return nil
}

// hashingReader feeds every byte it reads to a hash, so the digest covers
// exactly what was decoded.
type hashingReader struct {
	r io.Reader
	h hash.Hash
}

func (hr hashingReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	return n, err
}
