package weights

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Load reads a checkpoint written by Save, verifying its SHA-256 trailer.
// A cut or altered file is reported as ErrTruncated or ErrCorrupt.
func Load(path string) (StateDict, map[string]string, error) {
	sd, meta, err := loadCheckpoint(path)
	if err != nil {
		return nil, nil, fmt.Errorf("weights: %s: %w", path, err)
	}
	return sd, meta, nil
}

// LoadAny reads either a TransferLab checkpoint or a PyTorch .pth, by
// content; meta is nil for .pth files.
func LoadAny(path string) (StateDict, map[string]string, error) {
	format, _, err := sniffFormat(path, path)
	if err != nil {
		return nil, nil, err
	}
	if format == formatCheckpoint {
		return Load(path)
	}
	sd, err := LoadPth(path)
	return sd, nil, err
}

func loadCheckpoint(path string) (StateDict, map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, plainOSError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, plainOSError(err)
	}
	sum := sha256.New()
	r := hashingReader{bufio.NewReaderSize(f, 1<<20), sum}
	h, err := readCheckpointHeader(r, st.Size())
	if err != nil {
		return nil, nil, err
	}
	sd, err := readCheckpointData(r, h)
	if err != nil {
		return nil, nil, err
	}
	var stored [digestLen]byte
	if _, err := io.ReadFull(r.r, stored[:]); err != nil {
		return nil, nil, fmt.Errorf("%w: the checksum at the end is missing", ErrTruncated)
	}
	if !bytes.Equal(stored[:], sum.Sum(nil)) {
		return nil, nil, fmt.Errorf("%w: SHA-256 check failed, the contents were altered", ErrCorrupt)
	}
	return sd, h.Meta, nil
}

// readCheckpointHeader reads magic, version and JSON header, and checks the
// file size they imply before any large allocation.
func readCheckpointHeader(r io.Reader, size int64) (*checkpointHeader, error) {
	var prefix [prefixLen]byte
	n, err := io.ReadFull(r, prefix[:])
	magic := []byte(checkpointMagic)
	if n == 0 || !bytes.HasPrefix(magic, prefix[:min(n, len(magic))]) {
		return nil, fmt.Errorf("%w: not a TransferLab checkpoint", ErrNotWeights)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: only %d bytes", ErrTruncated, n)
	}
	if v := binary.LittleEndian.Uint32(prefix[8:]); v != checkpointVersion {
		return nil, fmt.Errorf("%w: checkpoint format version %d (this program reads %d)", ErrUnsupported, v, checkpointVersion)
	}
	hlen := int64(binary.LittleEndian.Uint32(prefix[12:]))
	if prefixLen+hlen+digestLen > size {
		return nil, fmt.Errorf("%w: %d bytes, the header alone needs %d", ErrTruncated, size, prefixLen+hlen+digestLen)
	}
	js := make([]byte, hlen)
	if _, err := io.ReadFull(r, js); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrTruncated, err)
	}
	var h checkpointHeader
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %v", ErrCorrupt, err)
	}
	want := prefixLen + hlen + int64(padding(int(hlen))) + h.DataBytes + digestLen
	if size < want {
		return nil, fmt.Errorf("%w: %d bytes, the header promises %d", ErrTruncated, size, want)
	}
	if size > want {
		return nil, fmt.Errorf("%w: %d bytes, the header promises %d", ErrCorrupt, size, want)
	}
	if _, err := io.CopyN(io.Discard, r, int64(padding(int(hlen)))); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTruncated, err)
	}
	return &h, nil
}

// readCheckpointData decodes the tensors, which must be back to back in
// header order and add up to data_bytes.
func readCheckpointData(r io.Reader, h *checkpointHeader) (StateDict, error) {
	sd := make(StateDict, len(h.Tensors))
	var offset int64
	for _, th := range h.Tensors {
		n := int64(1)
		for _, d := range th.Shape {
			if d < 0 {
				return nil, fmt.Errorf("%w: %s has shape %s", ErrCorrupt, th.Name, formatShape(th.Shape))
			}
			n *= int64(d)
		}
		if th.Offset != offset || offset+4*n > h.DataBytes || sd[th.Name] != nil {
			return nil, fmt.Errorf("%w: header entry for %s is inconsistent", ErrCorrupt, th.Name)
		}
		data, err := readFloats(r, int(n))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrTruncated, th.Name, err)
		}
		sd[th.Name] = &Tensor{Shape: th.Shape, Data: data}
		offset += 4 * n
	}
	if offset != h.DataBytes {
		return nil, fmt.Errorf("%w: tensors hold %d bytes, header says %d", ErrCorrupt, offset, h.DataBytes)
	}
	return sd, nil
}

func readFloats(r io.Reader, n int) ([]float32, error) {
	data := make([]float32, n)
	buf := make([]byte, 4*min(n, 1<<14))
	for done := 0; done < n; {
		k := min(n-done, len(buf)/4)
		if _, err := io.ReadFull(r, buf[:4*k]); err != nil {
			return nil, err
		}
		decodeFloat32(data[done:done+k], buf[:4*k])
		done += k
	}
	return data, nil
}
