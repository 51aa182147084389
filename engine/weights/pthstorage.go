package weights

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// storageKind describes one torch.*Storage class: how wide an element is and
// how to turn its little-endian bytes into float32. decode is nil for dtypes
// TransferLab cannot use (complex, quantized); their bytes are skipped.
type storageKind struct {
	class    string // e.g. "FloatStorage"
	dtype    string // e.g. "float32"
	elemSize int    // bytes per element; 0 when unknown
	decode   func(dst []float32, src []byte)
}

// storageKindFor maps the class name pickled by torch.save to its kind.
// Unknown classes get an unsupported kind of unknown width.
func storageKindFor(class string) *storageKind {
	k := &storageKind{class: class}
	switch class {
	case "FloatStorage":
		k.dtype, k.elemSize, k.decode = "float32", 4, decodeFloat32
	case "DoubleStorage":
		k.dtype, k.elemSize, k.decode = "float64", 8, decodeFloat64
	case "HalfStorage":
		k.dtype, k.elemSize, k.decode = "float16", 2, decodeFloat16
	case "BFloat16Storage":
		k.dtype, k.elemSize, k.decode = "bfloat16", 2, decodeBFloat16
	case "LongStorage":
		k.dtype, k.elemSize, k.decode = "int64", 8, decodeInt64
	case "IntStorage":
		k.dtype, k.elemSize, k.decode = "int32", 4, decodeInt32
	case "ShortStorage":
		k.dtype, k.elemSize, k.decode = "int16", 2, decodeInt16
	case "CharStorage":
		k.dtype, k.elemSize, k.decode = "int8", 1, decodeInt8
	case "ByteStorage":
		k.dtype, k.elemSize, k.decode = "uint8", 1, decodeUint8
	case "BoolStorage":
		k.dtype, k.elemSize, k.decode = "bool", 1, decodeUint8
	case "ComplexFloatStorage":
		k.dtype, k.elemSize = "complex64", 8
	case "ComplexDoubleStorage":
		k.dtype, k.elemSize = "complex128", 16
	case "ComplexHalfStorage":
		k.dtype, k.elemSize = "complex32", 4
	case "QInt8Storage":
		k.dtype, k.elemSize = "qint8", 1
	case "QUInt8Storage":
		k.dtype, k.elemSize = "quint8", 1
	case "QInt32Storage":
		k.dtype, k.elemSize = "qint32", 4
	case "QUInt4x2Storage":
		k.dtype, k.elemSize = "quint4x2", 1
	case "QUInt2x4Storage":
		k.dtype, k.elemSize = "quint2x4", 1
	default:
		k.dtype = "torch." + class
	}
	return k
}

func decodeFloat32(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
	}
}

func decodeFloat64(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:])))
	}
}

func decodeFloat16(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = halfToFloat32(binary.LittleEndian.Uint16(src[2*i:]))
	}
}

// halfToFloat32 widens an IEEE 754 binary16 value exactly, subnormals
// included (gopickle's table-based FloatBits16to32 gets those wrong).
func halfToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h) & 0x3ff
	switch {
	case exp == 0: // zero or subnormal: mant × 2⁻²⁴, exact in float32
		f := float32(mant) / (1 << 24)
		if sign != 0 {
			f = -f
		}
		return f
	case exp == 0x1f: // infinity or NaN
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}

// decodeBFloat16: bfloat16 is the top half of a float32.
func decodeBFloat16(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = math.Float32frombits(uint32(binary.LittleEndian.Uint16(src[2*i:])) << 16)
	}
}

func decodeInt64(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(int64(binary.LittleEndian.Uint64(src[8*i:])))
	}
}

func decodeInt32(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(int32(binary.LittleEndian.Uint32(src[4*i:])))
	}
}

func decodeInt16(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(int16(binary.LittleEndian.Uint16(src[2*i:])))
	}
}

func decodeInt8(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(int8(src[i]))
	}
}

func decodeUint8(dst []float32, src []byte) {
	for i := range dst {
		dst[i] = float32(src[i])
	}
}

// rootStorage is one storage of the file (a flat array that tensors view).
// Its elements are converted to float32 as they are read.
type rootStorage struct {
	key  string
	kind *storageKind
	n    int       // elements
	data []float32 // nil until read, and for unsupported kinds
	read bool
	refs int // tensors of the state_dict that view it
}

// storageRef is what a tensor points at: a whole storage or, in files from
// old PyTorch versions, a window [off, off+n) of one.
type storageRef struct {
	root *rootStorage
	off  int
	n    int
}

// readFrom fills the storage from exactly n*elemSize bytes of r, in chunks so
// a 500 MB file never needs a second full-size buffer.
func (s *rootStorage) readFrom(r io.Reader) error {
	s.read = true
	nbytes := int64(s.n) * int64(s.kind.elemSize)
	if s.kind.decode == nil {
		if s.kind.elemSize == 0 {
			return fmt.Errorf("%w: storage of type torch.%s", ErrUnsupported, s.kind.class)
		}
		if _, err := io.CopyN(io.Discard, r, nbytes); err != nil {
			return eofIsUnexpected(err)
		}
		return nil
	}
	const chunk = 1 << 14
	s.data = make([]float32, s.n)
	buf := make([]byte, chunk*s.kind.elemSize)
	for done := 0; done < s.n; {
		k := min(s.n-done, chunk)
		b := buf[:k*s.kind.elemSize]
		if _, err := io.ReadFull(r, b); err != nil {
			return eofIsUnexpected(err)
		}
		s.kind.decode(s.data[done:done+k], b)
		done += k
	}
	return nil
}

// eofIsUnexpected: running out of bytes in the middle of a storage means the
// file was cut short, whatever the reader calls it.
func eofIsUnexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
