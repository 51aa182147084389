package weights

import (
	"fmt"
	"io"
	"strings"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
)

// tensorRef is a pickled tensor before conversion: a strided view
// (offset, size, stride, all in elements) of a storage.
type tensorRef struct {
	st     *storageRef
	offset int
	size   []int
	stride []int
}

// unpickler runs gopickle's pickle machine with the torch classes a
// state_dict needs. loadStorage is called once per storage as the pickle
// names it (zip files read the data there; legacy files read it later).
type unpickler struct {
	storages    map[string]*rootStorage
	maxBytes    int64 // raw storages cannot exceed the file; 0: no bound (compressed zip records)
	loadStorage func(*rootStorage) error
}

func (p *unpickler) load(r io.Reader) (interface{}, error) {
	u := pickle.NewUnpickler(r)
	u.FindClass = p.findClass
	u.PersistentLoad = p.persistentLoad
	return u.Load()
}

// findClass resolves the globals a pickle names. Anything not needed for a
// state_dict (numpy scalars in a training checkpoint, whole nn.Modules)
// becomes an opaque value, so it cannot stop us reading the tensors beside it.
func (p *unpickler) findClass(module, name string) (interface{}, error) {
	switch module + "." + name {
	case "torch._utils._rebuild_tensor":
		return rebuildTensor{args: 4}, nil
	case "torch._utils._rebuild_tensor_v2":
		return rebuildTensor{args: 6}, nil
	case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
		return rebuildParameter{}, nil
	}
	if module == "torch" && strings.HasSuffix(name, "Storage") {
		return storageKindFor(name), nil
	}
	return &opaqueClass{module: module, name: name}, nil
}

// persistentLoad resolves torch's ('storage', class, key, location, numel
// [, view]) references; the 6th element only exists in legacy files.
func (p *unpickler) persistentLoad(id interface{}) (interface{}, error) {
	t, ok := id.(*types.Tuple)
	if !ok || t.Len() < 1 {
		return nil, fmt.Errorf("%w: unexpected persistent id %v", ErrCorrupt, id)
	}
	switch t.Get(0) {
	case "storage":
	case "module":
		return nil, nil // legacy files record module source code here; unused
	default:
		return nil, fmt.Errorf("%w: unexpected persistent id %v", ErrCorrupt, t.Get(0))
	}
	if t.Len() < 5 {
		return nil, fmt.Errorf("%w: short storage reference", ErrCorrupt)
	}
	kind, ok1 := t.Get(1).(*storageKind)
	key, ok2 := t.Get(2).(string)
	n, ok3 := t.Get(4).(int)
	if !ok1 || !ok2 || !ok3 || n < 0 {
		return nil, fmt.Errorf("%w: bad storage reference %v", ErrCorrupt, *t)
	}
	if p.maxBytes > 0 && int64(n)*int64(max(kind.elemSize, 1)) > p.maxBytes {
		return nil, fmt.Errorf("%w: storage %s of %d elements is larger than the file", ErrCorrupt, key, n)
	}
	root, err := p.root(key, kind, n)
	if err != nil {
		return nil, err
	}
	if t.Len() > 5 && t.Get(5) != nil {
		return viewOf(root, t.Get(5))
	}
	return &storageRef{root: root, n: root.n}, nil
}

func (p *unpickler) root(key string, kind *storageKind, n int) (*rootStorage, error) {
	if root, ok := p.storages[key]; ok {
		return root, nil
	}
	root := &rootStorage{key: key, kind: kind, n: n}
	p.storages[key] = root
	if p.loadStorage != nil {
		if err := p.loadStorage(root); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// viewOf handles legacy (view_key, offset, size) metadata: a storage that is
// a window of another, written by PyTorch before 0.4.
func viewOf(root *rootStorage, meta interface{}) (*storageRef, error) {
	t, ok := meta.(*types.Tuple)
	if !ok || t.Len() != 3 {
		return nil, fmt.Errorf("%w: bad storage view %v", ErrCorrupt, meta)
	}
	off, ok1 := t.Get(1).(int)
	n, ok2 := t.Get(2).(int)
	if !ok1 || !ok2 || off < 0 || n < 0 || off+n > root.n {
		return nil, fmt.Errorf("%w: storage view %v outside its storage of %d elements", ErrCorrupt, meta, root.n)
	}
	return &storageRef{root: root, off: off, n: n}, nil
}

// rebuildTensor is torch._utils._rebuild_tensor (PyTorch ≤ 0.3: storage,
// offset, size, stride) and _rebuild_tensor_v2 (adds requires_grad,
// backward hooks and, in 2.x, metadata; ignored here).
type rebuildTensor struct{ args int }

func (r rebuildTensor) Call(args ...interface{}) (interface{}, error) {
	if len(args) < r.args {
		return nil, fmt.Errorf("%w: tensor rebuilt from %d arguments, want %d", ErrCorrupt, len(args), r.args)
	}
	st, ok := args[0].(*storageRef)
	off, ok2 := args[1].(int)
	size, err1 := intSequence(args[2])
	stride, err2 := intSequence(args[3])
	if !ok || !ok2 || err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%w: bad tensor arguments", ErrCorrupt)
	}
	return &tensorRef{st: st, offset: off, size: size, stride: stride}, nil
}

// rebuildParameter unwraps an nn.Parameter (state_dict(keep_vars=True)).
type rebuildParameter struct{}

func (rebuildParameter) Call(args ...interface{}) (interface{}, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("%w: empty parameter", ErrCorrupt)
	}
	return args[0], nil
}

func intSequence(v interface{}) ([]int, error) {
	var items []interface{}
	switch s := v.(type) {
	case *types.Tuple:
		items = *s
	case *types.List:
		items = *s
	default:
		return nil, fmt.Errorf("not a sequence: %T", v)
	}
	out := make([]int, len(items))
	for i, it := range items {
		n, ok := it.(int)
		if !ok {
			return nil, fmt.Errorf("not an int: %T", it)
		}
		out[i] = n
	}
	return out, nil
}

// opaqueClass stands for a Python class or function the loader does not
// model. Calling or instantiating it gives an opaqueObject that remembers
// the class name for error messages and ignores its state.
type opaqueClass struct{ module, name string }

func (c *opaqueClass) Call(...interface{}) (interface{}, error)  { return &opaqueObject{c}, nil }
func (c *opaqueClass) PyNew(...interface{}) (interface{}, error) { return &opaqueObject{c}, nil }

type opaqueObject struct{ class *opaqueClass }

func (o *opaqueObject) PySetState(interface{}) error { return nil }

func (o *opaqueObject) String() string { return o.class.module + "." + o.class.name }
