package weights

import "fmt"

// convertEntries turns tensor views into dense float32 tensors.
func convertEntries(entries []entry) (StateDict, error) {
	for _, e := range entries {
		e.ref.st.root.refs++
	}
	sd := make(StateDict, len(entries))
	for _, e := range entries {
		if _, dup := sd[e.name]; dup {
			return nil, fmt.Errorf("%w: tensor %s appears twice", ErrCorrupt, e.name)
		}
		t, err := e.ref.toTensor()
		if err != nil {
			return nil, fmt.Errorf("tensor %s: %w", e.name, err)
		}
		sd[e.name] = t
	}
	return sd, nil
}

func (r *tensorRef) toTensor() (*Tensor, error) {
	root := r.st.root
	if root.kind.decode == nil {
		return nil, fmt.Errorf("%w dtype %s (only float and integer tensors can be used)", ErrUnsupported, root.kind.dtype)
	}
	if !root.read {
		return nil, fmt.Errorf("%w: its storage %s has no data in the file", ErrCorrupt, root.key)
	}
	if err := r.checkBounds(); err != nil {
		return nil, err
	}
	shape := append([]int{}, r.size...)
	n := numel(shape)
	start := r.st.off + r.offset
	if n == 0 {
		return &Tensor{Shape: shape, Data: []float32{}}, nil
	}
	if !isContiguous(r.size, r.stride) {
		data := make([]float32, n)
		gather(data, root.data, start, r.size, r.stride)
		return &Tensor{Shape: shape, Data: data}, nil
	}
	src := root.data[start : start+n]
	if root.refs == 1 && n == len(root.data) {
		return &Tensor{Shape: shape, Data: src}, nil // sole owner: no copy
	}
	return &Tensor{Shape: shape, Data: append([]float32(nil), src...)}, nil
}

// checkBounds: every element the view can address must lie in its storage.
func (r *tensorRef) checkBounds() error {
	if len(r.size) != len(r.stride) || r.offset < 0 {
		return fmt.Errorf("%w: size %v and stride %v do not fit", ErrCorrupt, r.size, r.stride)
	}
	last := r.offset
	for i, d := range r.size {
		if d < 0 || r.stride[i] < 0 {
			return fmt.Errorf("%w: negative size or stride", ErrCorrupt)
		}
		if d == 0 {
			return nil
		}
		last += (d - 1) * r.stride[i]
	}
	if last >= r.st.n {
		return fmt.Errorf("%w: view reaches element %d of a storage of %d", ErrCorrupt, last, r.st.n)
	}
	return nil
}

// isContiguous reports whether strides are row-major for size; dimensions
// of extent 1 may carry any stride.
func isContiguous(size, stride []int) bool {
	want := 1
	for i := len(size) - 1; i >= 0; i-- {
		if size[i] != 1 && stride[i] != want {
			return false
		}
		want *= size[i]
	}
	return true
}

// gather copies a strided view into dst in row-major order, walking the
// indices like an odometer (last dimension fastest).
func gather(dst, src []float32, start int, size, stride []int) {
	idx := make([]int, len(size))
	pos := start
	for i := range dst {
		dst[i] = src[pos]
		for d := len(size) - 1; d >= 0; d-- {
			idx[d]++
			pos += stride[d]
			if idx[d] < size[d] {
				break
			}
			pos -= stride[d] * size[d]
			idx[d] = 0
		}
	}
}
