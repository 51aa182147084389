package weights

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nlpodyssey/gopickle/types"
)

type entry struct {
	name string
	ref  *tensorRef
}

// stateDictEntries finds the state_dict inside what the pickle produced and
// checks that it maps names to tensors.
func stateDictEntries(obj interface{}) ([]entry, error) {
	items, ok := dictItems(obj)
	if !ok {
		return nil, notStateDict(obj)
	}
	for _, key := range []string{"state_dict", "model_state_dict", "model"} {
		inner, found := lookup(items, key)
		if !found {
			continue
		}
		if o, isObject := inner.(*opaqueObject); isObject {
			return nil, fmt.Errorf("%w: its %q entry is a pickled %s object, not a state_dict (save model.state_dict() instead)", ErrNotWeights, key, o)
		}
		if innerItems, isDict := dictItems(inner); isDict {
			items = innerItems
			break
		}
	}
	entries, err := tensorEntries(items)
	if err != nil {
		return nil, err
	}
	return stripModulePrefix(entries), nil
}

type item struct {
	key   interface{}
	value interface{}
}

func dictItems(obj interface{}) ([]item, bool) {
	switch d := obj.(type) {
	case *types.OrderedDict:
		out := make([]item, 0, d.Len())
		for e := d.List.Front(); e != nil; e = e.Next() {
			en := e.Value.(*types.OrderedDictEntry)
			out = append(out, item{en.Key, en.Value})
		}
		return out, true
	case *types.Dict:
		out := make([]item, 0, d.Len())
		for _, en := range *d {
			out = append(out, item{en.Key, en.Value})
		}
		return out, true
	}
	return nil, false
}

func lookup(items []item, key string) (interface{}, bool) {
	for _, it := range items {
		if it.key == key {
			return it.value, true
		}
	}
	return nil, false
}

func tensorEntries(items []item) ([]entry, error) {
	entries := make([]entry, 0, len(items))
	var others []string
	for _, it := range items {
		name, ok := it.key.(string)
		if !ok {
			return nil, fmt.Errorf("%w: a dict key is %s, not a tensor name", ErrNotWeights, describe(it.key))
		}
		ref, ok := it.value.(*tensorRef)
		if !ok {
			others = append(others, name)
			continue
		}
		entries = append(entries, entry{name, ref})
	}
	if len(entries) == 0 {
		sort.Strings(others)
		return nil, fmt.Errorf("%w: it holds no tensors (keys: %s)", ErrNotWeights, strings.Join(others, ", "))
	}
	if len(others) > 0 {
		v, _ := lookup(items, others[0])
		return nil, fmt.Errorf("%w: entry %q %s, not a tensor", ErrNotWeights, others[0], describe(v))
	}
	return entries, nil
}

// stripModulePrefix undoes nn.DataParallel, which saves every key as
// "module.<name>".
func stripModulePrefix(entries []entry) []entry {
	for _, e := range entries {
		if !strings.HasPrefix(e.name, "module.") {
			return entries
		}
	}
	for i := range entries {
		entries[i].name = strings.TrimPrefix(entries[i].name, "module.")
	}
	return entries
}

func notStateDict(obj interface{}) error {
	if o, ok := obj.(*opaqueObject); ok {
		return fmt.Errorf("%w: it holds a pickled %s object, not a state_dict (save model.state_dict() instead)", ErrNotWeights, o)
	}
	return fmt.Errorf("%w: it %s, not a state_dict", ErrNotWeights, describe(obj))
}

// describe names a pickled value in Python terms for error messages.
func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "is None"
	case *tensorRef:
		return "is a single tensor"
	case *opaqueObject:
		return "is a " + x.String() + " object"
	case int, *types.Tuple, *types.List:
		return fmt.Sprintf("is %v", v)
	case string:
		return fmt.Sprintf("is the string %q", x)
	case float64:
		return fmt.Sprintf("is the number %g", x)
	case bool:
		return fmt.Sprintf("is %v", x)
	}
	return fmt.Sprintf("is a %T", v)
}
