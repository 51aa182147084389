package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// float32Data returns the contiguous float32 elements and the shape of a
// tensor value. Views (slices, transposes) are copied into fresh memory first
// so kernels can index the data as dense row-major NCHW.
func float32Data(op, what string, v gorgonia.Value) ([]float32, tensor.Shape, error) {
	t, ok := v.(tensor.Tensor)
	if !ok {
		return nil, nil, fmt.Errorf("%s: %s is a %T, want a tensor", op, what, v)
	}
	if t.Dtype() != tensor.Float32 {
		return nil, nil, fmt.Errorf("%s: %s is %v, want float32", op, what, t.Dtype())
	}
	if t.RequiresIterator() {
		vw, ok := t.(tensor.View)
		if !ok {
			return nil, nil, fmt.Errorf("%s: %s (%T) is not contiguous", op, what, t)
		}
		t = vw.Materialize()
	}
	if s, ok := t.Data().(float32); ok { // a scalar-shaped tensor holds no slice
		return []float32{s}, t.Shape(), nil
	}
	data, ok := t.Data().([]float32)
	if !ok {
		return nil, nil, fmt.Errorf("%s: %s holds %T, want []float32", op, what, t.Data())
	}
	shape := t.Shape()
	if len(data) != shape.TotalSize() {
		return nil, nil, fmt.Errorf("%s: %s has %d elements for shape %v", op, what, len(data), shape)
	}
	return data, shape, nil
}

// inputs extracts several tensor values at once, naming each in errors.
func inputs(op string, names []string, vs []gorgonia.Value) ([][]float32, []tensor.Shape, error) {
	if len(vs) != len(names) {
		return nil, nil, fmt.Errorf("%s: %d inputs, want %d (%v)", op, len(vs), len(names), names)
	}
	data := make([][]float32, len(vs))
	shapes := make([]tensor.Shape, len(vs))
	for i, v := range vs {
		var err error
		if data[i], shapes[i], err = float32Data(op, names[i], v); err != nil {
			return nil, nil, err
		}
	}
	return data, shapes, nil
}

// scalarData returns the float32 value of a scalar (or one-element tensor)
// value, which is how gorgonia passes the gradient of a scalar cost.
func scalarData(op, what string, v gorgonia.Value) (float32, error) {
	switch s := v.(type) {
	case *gorgonia.F32:
		return float32(*s), nil
	case tensor.Tensor:
		data, _, err := float32Data(op, what, s)
		if err != nil {
			return 0, err
		}
		if len(data) != 1 {
			return 0, fmt.Errorf("%s: %s has %d elements, want a scalar", op, what, len(data))
		}
		return data[0], nil
	}
	return 0, fmt.Errorf("%s: %s is a %T, want a float32 scalar", op, what, v)
}

// newDense wraps data in a float32 tensor of the given shape.
func newDense(shape tensor.Shape, data []float32) *tensor.Dense {
	return tensor.New(tensor.WithShape(shape.Clone()...), tensor.WithBacking(data))
}

// outBuf is the memory an op writes its result into, kept from one run of a
// compiled graph to the next. A graph runs the same shapes batch after
// batch; reusing the buffers spares the allocator, the garbage collector
// and, above all, the page faults of touching fresh memory, which on the
// reference machine cost more than the arithmetic of an elementwise layer.
//
// Each op node owns its buffer, so nothing else writes it during a run, and
// the next run of the same node overwrites all of it. A value read out of a
// graph must therefore be copied before the next run (G.Read copies, and so
// do Runner and the training step).
//
// ShareBuffers may point shared at a BufferPool's arena, where this op's
// result has a place from offset on, which other ops of the graph use while
// this result is not needed.
type outBuf struct {
	data   []float32
	shared *[]float32 // nil: data is the op's own
	offset int        // of the result in *shared
}

// floats returns n elements of the buffer, growing it when needed. The
// contents are stale: callers overwrite every element.
func (b *outBuf) floats(n int) []float32 {
	if b.shared != nil {
		if len(*b.shared) < b.offset+n { // more than planned: the shape changed
			b.shared, b.offset = nil, 0
		} else {
			return (*b.shared)[b.offset : b.offset+n : b.offset+n]
		}
	}
	if cap(b.data) < n {
		b.data = make([]float32, n)
	}
	return b.data[:n]
}

// int32s is outBuf for index results (max pooling's argmax).
type int32Buf struct{ data []int32 }

func (b *int32Buf) ints(n int) []int32 {
	if cap(b.data) < n {
		b.data = make([]int32, n)
	}
	return b.data[:n]
}
