package weights

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

type fileFormat int

const (
	formatZip        fileFormat = iota + 1 // torch.save since PyTorch 1.6
	formatLegacy                           // torch.save before 1.6, or _use_new_zipfile_serialization=False
	formatCheckpoint                       // TransferLab's own Save
)

// legacyMagic is how a legacy torch.save stream starts: pickle protocol 2,
// LONG1 of 10 bytes, then torch's magic number 0x1950a86a20f9469cfc6c.
const legacyMagic = "\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"

// sniffFormat decides from the first bytes what a file is, before any parser
// sees it, so that empty, cut and foreign files get a plain answer.
func sniffFormat(path, display string) (fileFormat, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, openError(display, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, fmt.Errorf("weights: %s: %w", display, err)
	}
	if st.IsDir() {
		return 0, 0, fmt.Errorf("weights: %s: %w: it is a folder", display, ErrNotWeights)
	}
	if st.Size() == 0 {
		return 0, 0, fmt.Errorf("weights: %s: %w: the file is empty (0 bytes)", display, ErrTruncated)
	}
	head := make([]byte, len(legacyMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return 0, 0, fmt.Errorf("weights: %s: %w", display, err)
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return formatZip, st.Size(), nil
	case bytes.HasPrefix(head, []byte(checkpointMagic)):
		return formatCheckpoint, st.Size(), nil
	case string(head) == legacyMagic:
		return formatLegacy, st.Size(), nil
	case n < len(legacyMagic) && bytes.HasPrefix([]byte(legacyMagic), head):
		return 0, 0, fmt.Errorf("weights: %s: %w: only %d bytes", display, ErrTruncated, n)
	}
	return 0, 0, fmt.Errorf("weights: %s: %w: expected a PyTorch .pth file saved by torch.save", display, ErrNotWeights)
}

// openError names the file once and keeps fs.ErrNotExist testable.
func openError(path string, err error) error {
	return fmt.Errorf("weights: %s: %w", path, plainOSError(err))
}

// plainOSError drops the path that os errors repeat.
func plainOSError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no such file: %w", fs.ErrNotExist)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
