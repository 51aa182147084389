package weights

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
)

// maxPickleLine bounds the text arguments of protocol-0 opcodes (module and
// class names, decimal numbers); a state_dict's are a few dozen bytes.
const maxPickleLine = 1 << 16

// readPickle copies one pickle, up to and including its STOP opcode, from r
// into memory. gopickle allocates whatever length an opcode claims before
// reading it (a 21-byte file claiming a 4 GB string made it allocate 4 GB),
// so every claimed length is checked here against limit, the bytes the file
// can still hold, before gopickle sees the pickle.
func readPickle(r *bufio.Reader, limit int64) ([]byte, error) {
	w := &pickleWalker{r: r, left: limit}
	for {
		op, err := w.byte()
		if err != nil {
			return nil, err
		}
		if op == '.' { // STOP
			return w.out.Bytes(), nil
		}
		if err := w.skipArg(op); err != nil {
			return nil, err
		}
	}
}

// pickleWalker copies what it reads to out and counts it against left.
type pickleWalker struct {
	r    *bufio.Reader
	left int64
	out  bytes.Buffer
}

func (w *pickleWalker) byte() (byte, error) {
	if w.left < 1 {
		return 0, fmt.Errorf("%w: the pickle runs past the end of the file", ErrTruncated)
	}
	b, err := w.r.ReadByte()
	if err != nil {
		return 0, eofIsUnexpected(err)
	}
	w.left--
	w.out.WriteByte(b)
	return b, nil
}

// bytes copies n bytes, refusing n beyond what the file can hold.
func (w *pickleWalker) bytes(n uint64) ([]byte, error) {
	if n > uint64(w.left) {
		return nil, fmt.Errorf("%w: the pickle claims %d bytes, the file has %d left", ErrCorrupt, n, w.left)
	}
	start := w.out.Len()
	if _, err := io.CopyN(&w.out, w.r, int64(n)); err != nil {
		return nil, eofIsUnexpected(err)
	}
	w.left -= int64(n)
	return w.out.Bytes()[start:], nil
}

// line copies a newline-terminated argument.
func (w *pickleWalker) line() error {
	for range maxPickleLine {
		b, err := w.byte()
		if err != nil || b == '\n' {
			return err
		}
	}
	return fmt.Errorf("%w: a pickle text argument longer than %d bytes", ErrCorrupt, maxPickleLine)
}

// length reads a little-endian length of size bytes and copies that many.
func (w *pickleWalker) length(size int) error {
	raw, err := w.bytes(uint64(size))
	if err != nil {
		return err
	}
	var buf [8]byte
	copy(buf[:], raw)
	n := binary.LittleEndian.Uint64(buf[:])
	if size == 4 && int32(n) < 0 { // BINSTRING and LONG4 are signed
		return fmt.Errorf("%w: negative length in the pickle", ErrCorrupt)
	}
	_, err = w.bytes(n)
	return err
}

// skipArg copies op's argument, per pickletools' table of protocols 0-5.
func (w *pickleWalker) skipArg(op byte) error {
	switch op {
	case '(', '0', '1', '2', 'N', 'R', 'a', 'b', 'd', '}', 'e', 'l', ']', 'o', 's', 't', ')', 'u', 'Q',
		0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98:
		return nil
	case 'q', 'h', 'K', 0x80, 0x82:
		return w.fixed(1)
	case 'M', 0x83:
		return w.fixed(2)
	case 'J', 'r', 'j', 0x84:
		return w.fixed(4)
	case 'G', 0x95: // BINFLOAT; FRAME only announces the length of what follows
		return w.fixed(8)
	case 'U', 'C', 0x8c, 0x8a:
		return w.length(1)
	case 'T', 'X', 'B', 0x8b:
		return w.length(4)
	case 0x8d, 0x8e, 0x96:
		return w.length(8)
	case 'I', 'L', 'F', 'S', 'V', 'p', 'g', 'P':
		return w.line()
	case 'c', 'i':
		if err := w.line(); err != nil {
			return err
		}
		return w.line()
	}
	return fmt.Errorf("%w: unknown pickle opcode 0x%02x", ErrCorrupt, op)
}

func (w *pickleWalker) fixed(n uint64) error {
	_, err := w.bytes(n)
	return err
}
