package weights

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"os"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
)

// unpickleLegacy reads the pre-zip stream: pickles of the magic number, the
// protocol version 1001 and system info, then the object pickle, then a
// pickled list of storage keys, then for each key an int64 element count and
// the raw bytes.
func unpickleLegacy(path string, size int64) (interface{}, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	if err := readLegacyHeader(r, size); err != nil {
		return nil, err
	}
	p := &unpickler{storages: map[string]*rootStorage{}, maxBytes: size}
	pkl, err := readPickle(r, size)
	if err != nil {
		return nil, err
	}
	obj, err := p.load(bytes.NewReader(pkl))
	if err != nil {
		return nil, err
	}
	if err := readLegacyStorages(r, p.storages, size); err != nil {
		return nil, err
	}
	return obj, nil
}

func readLegacyHeader(r *bufio.Reader, size int64) error {
	magic, err := unpickleOne(r, size)
	if err != nil {
		return err
	}
	if n, ok := magic.(*big.Int); !ok || n.Text(16) != "1950a86a20f9469cfc6c" {
		return fmt.Errorf("%w: bad magic number", ErrNotWeights)
	}
	version, err := unpickleOne(r, size)
	if err != nil {
		return err
	}
	if version != 1001 {
		return fmt.Errorf("%w: legacy format version %v", ErrUnsupported, version)
	}
	info, err := unpickleOne(r, size)
	if err != nil {
		return err
	}
	if d, ok := info.(*types.Dict); ok {
		if le, found := d.Get("little_endian"); found && le == false {
			return fmt.Errorf("%w: written on a big-endian machine", ErrUnsupported)
		}
	}
	return nil
}

func readLegacyStorages(r *bufio.Reader, storages map[string]*rootStorage, size int64) error {
	keysObj, err := unpickleOne(r, size)
	if err != nil {
		return err
	}
	keys, err := stringList(keysObj)
	if err != nil {
		return err
	}
	for _, key := range keys {
		s := storages[key]
		if s == nil {
			return fmt.Errorf("%w: data for unknown storage %s", ErrCorrupt, key)
		}
		var count [8]byte
		if _, err := io.ReadFull(r, count[:]); err != nil {
			return eofIsUnexpected(err)
		}
		if n := binary.LittleEndian.Uint64(count[:]); n != uint64(s.n) {
			return fmt.Errorf("%w: storage %s holds %d elements, its tensors expect %d", ErrCorrupt, key, n, s.n)
		}
		if err := s.readFrom(r); err != nil {
			return err
		}
	}
	return nil
}

// unpickleOne reads one plain pickle, its lengths bounded by size.
func unpickleOne(r *bufio.Reader, size int64) (interface{}, error) {
	pkl, err := readPickle(r, size)
	if err != nil {
		return nil, err
	}
	u := pickle.NewUnpickler(bytes.NewReader(pkl))
	return u.Load()
}

func stringList(v interface{}) ([]string, error) {
	l, ok := v.(*types.List)
	if !ok {
		return nil, fmt.Errorf("%w: storage key list is a %T", ErrCorrupt, v)
	}
	out := make([]string, len(*l))
	for i, it := range *l {
		s, ok := it.(string)
		if !ok {
			return nil, fmt.Errorf("%w: storage key is a %T", ErrCorrupt, it)
		}
		out[i] = s
	}
	return out, nil
}
