package weights

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// unpickleZip reads the zip layout: <prefix>/data.pkl holds the pickle and
// <prefix>/data/<key> the raw bytes of each storage, stored uncompressed.
func unpickleZip(path string, size int64) (interface{}, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		// The file starts like a zip but its central directory, written
		// last, cannot be found: the usual sign of a cut-off copy.
		return nil, fmt.Errorf("%w or damaged: the zip archive is incomplete (%v)", ErrTruncated, err)
	}
	defer zr.Close()
	records := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		records[f.Name] = f
	}
	prefix, err := zipPrefix(records)
	if err != nil {
		return nil, err
	}
	if err := checkByteOrder(records[prefix+"byteorder"]); err != nil {
		return nil, err
	}
	p := &unpickler{storages: map[string]*rootStorage{}}
	p.loadStorage = func(s *rootStorage) error {
		return readZipRecord(records[prefix+"data/"+s.key], s, size)
	}
	pkl := records[prefix+"data.pkl"]
	rc, err := pkl.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	raw, err := readPickle(bufio.NewReader(rc), recordLimit(pkl, size))
	if err != nil {
		return nil, err
	}
	return p.load(bytes.NewReader(raw))
}

// maxDeflateRatio is the most deflate can shrink data (258-byte matches in
// 2-bit codes); torch.save stores records uncompressed.
const maxDeflateRatio = 1032

// recordLimit is the most bytes a record of a size-byte archive can hold:
// the claimed sizes in a zip's directory are not to be trusted before
// allocating.
func recordLimit(f *zip.File, size int64) int64 {
	if f.Method == zip.Store {
		return size
	}
	return size * maxDeflateRatio
}

// zipPrefix finds the folder holding data.pkl and rejects TorchScript
// archives, which hold code rather than a state_dict.
func zipPrefix(records map[string]*zip.File) (string, error) {
	for name := range records {
		if name != "data.pkl" && !strings.HasSuffix(name, "/data.pkl") {
			continue
		}
		prefix := strings.TrimSuffix(name, "data.pkl")
		if records[prefix+"constants.pkl"] != nil {
			return "", fmt.Errorf("%w: a TorchScript archive (torch.jit.save); save model.state_dict() with torch.save instead", ErrUnsupported)
		}
		return prefix, nil
	}
	return "", fmt.Errorf("%w: a zip archive without data.pkl, not saved by torch.save", ErrNotWeights)
}

func checkByteOrder(f *zip.File) error {
	if f == nil {
		return nil // written only since PyTorch 2.1; older files are little-endian
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 16))
	if err != nil {
		return err
	}
	if order := strings.TrimSpace(string(b)); order != "little" {
		return fmt.Errorf("%w: byte order %q", ErrUnsupported, order)
	}
	return nil
}

// readZipRecord reads one storage and then reads on to the record's end, so
// archive/zip verifies its CRC-32 and damaged data cannot pass silently.
func readZipRecord(f *zip.File, s *rootStorage, size int64) error {
	if f == nil {
		return fmt.Errorf("%w: storage %s is missing from the archive", ErrCorrupt, s.key)
	}
	if s.kind.decode == nil {
		return nil // never converted; Tensor conversion reports the dtype
	}
	if f.UncompressedSize64 > uint64(recordLimit(f, size)) {
		return fmt.Errorf("%w: storage %s claims %d bytes in a file of %d", ErrCorrupt, s.key, f.UncompressedSize64, size)
	}
	if want := uint64(s.n) * uint64(s.kind.elemSize); f.UncompressedSize64 != want {
		return fmt.Errorf("%w: storage %s has %d bytes, expected %d", ErrCorrupt, s.key, f.UncompressedSize64, want)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := s.readFrom(rc); err != nil {
		return err
	}
	var one [1]byte
	if n, err := rc.Read(one[:]); n != 0 || err != io.EOF {
		if err == zip.ErrChecksum {
			return fmt.Errorf("%w: storage %s fails its CRC-32 check", ErrCorrupt, s.key)
		}
		return fmt.Errorf("%w: storage %s: %v", ErrCorrupt, s.key, err)
	}
	return nil
}
