package gpu

import (
	"errors"
	"fmt"
	"unsafe"

	"transferlab/engine/vulkan"
)

// Tensor is float32 data on the device with a shape (NCHW like
// engine/kernels). A view made by Reshape shares its original's buffer.
type Tensor struct {
	buf   *vulkan.Buffer
	shape []int
	n     int
	view  bool // Free leaves the buffer to the tensor that owns it
}

// maxElements bounds a tensor so that every element index fits the shaders'
// 32-bit arithmetic and the whole buffer fits one storage-buffer binding
// (drivers allow up to 4 GiB; many exactly 4 GiB − 1 byte).
const maxElements = 1<<30 - 1

// Shape returns a copy of the dimensions.
func (t *Tensor) Shape() []int { return append([]int(nil), t.shape...) }

// Len is the number of elements.
func (t *Tensor) Len() int { return t.n }

// Free releases the device memory (no-op for views and freed tensors). It is
// safe while recorded dispatches still use the tensor; it must not be used
// afterwards.
func (t *Tensor) Free() {
	if t == nil || t.buf == nil {
		return
	}
	if !t.view {
		t.buf.Free()
	}
	t.buf = nil
}

// Reshape returns a view of t with another shape of the same element count,
// sharing t's buffer: writes through either are seen by both, and Free on
// the view does nothing (t owns the memory).
func (t *Tensor) Reshape(shape ...int) (*Tensor, error) {
	if err := t.usable("Reshape"); err != nil {
		return nil, err
	}
	n, err := elements(shape)
	if err != nil {
		return nil, err
	}
	if n != t.n {
		return nil, fmt.Errorf("gpu: cannot reshape %v (%d elements) to %v (%d)", t.shape, t.n, shape, n)
	}
	return &Tensor{buf: t.buf, shape: append([]int(nil), shape...), n: n, view: true}, nil
}

// elements returns the element count of shape, or why it cannot be a tensor.
func elements(shape []int) (int, error) {
	if len(shape) == 0 {
		return 0, errors.New("gpu: a tensor needs at least one dimension")
	}
	n := 1
	for _, s := range shape {
		if s < 1 {
			return 0, fmt.Errorf("gpu: tensor shape %v has a dimension below 1", shape)
		}
		if n > maxElements/s {
			return 0, fmt.Errorf("gpu: tensor shape %v exceeds the %d elements a GPU tensor may hold: %w",
				shape, maxElements, vulkan.ErrOutOfMemory)
		}
		n *= s
	}
	return n, nil
}

// alloc makes an uninitialised tensor; errors name the shape, and keep
// vulkan.ErrOutOfMemory visible to errors.Is.
func (d *Device) alloc(shape ...int) (*Tensor, error) {
	n, err := elements(shape)
	if err != nil {
		return nil, err
	}
	buf, err := d.vk.Alloc(4 * n)
	if err != nil {
		return nil, fmt.Errorf("gpu: allocating tensor %v (%.1f MiB): %w", shape, float64(4*n)/(1<<20), err)
	}
	return &Tensor{buf: buf, shape: append([]int(nil), shape...), n: n}, nil
}

// Zeros allocates a zero-filled tensor (filled by a shader, not an upload).
func (d *Device) Zeros(shape ...int) (*Tensor, error) { return d.full(0, shape...) }

// full allocates a tensor with every element set to v.
func (d *Device) full(v float32, shape ...int) (*Tensor, error) {
	t, err := d.alloc(shape...)
	if err != nil {
		return nil, err
	}
	if err := d.run("fill", t.n, push(t.n, v), t); err != nil {
		t.Free()
		return nil, err
	}
	return t, nil
}

// FromHost uploads data (len = product of shape).
func (d *Device) FromHost(data []float32, shape ...int) (*Tensor, error) {
	n, err := elements(shape)
	if err != nil {
		return nil, err
	}
	if len(data) != n {
		return nil, fmt.Errorf("gpu: %d values for a tensor of shape %v (%d elements)", len(data), shape, n)
	}
	t, err := d.alloc(shape...)
	if err != nil {
		return nil, err
	}
	if err := d.Write(t, data); err != nil {
		t.Free()
		return nil, err
	}
	return t, nil
}

// Write overwrites t's data from the host (after the work recorded so far).
func (d *Device) Write(t *Tensor, data []float32) error {
	if err := t.usable("Write"); err != nil {
		return err
	}
	if len(data) != t.n {
		return fmt.Errorf("gpu: writing %d values to a tensor of shape %v", len(data), t.shape)
	}
	if err := d.vk.Write(t.buf, 0, floatBytes(data)); err != nil {
		return fmt.Errorf("gpu: writing tensor %v: %w", t.shape, err)
	}
	return nil
}

// ToHost runs the recorded work and downloads t.
func (d *Device) ToHost(t *Tensor) ([]float32, error) {
	if err := t.usable("ToHost"); err != nil {
		return nil, err
	}
	out := make([]float32, t.n)
	if err := d.vk.Read(t.buf, 0, floatBytes(out)); err != nil {
		return nil, fmt.Errorf("gpu: reading tensor %v: %w", t.shape, err)
	}
	return out, nil
}

// Clone returns a copy of t (a device-side copy, recorded).
func (d *Device) Clone(t *Tensor) (*Tensor, error) {
	if err := t.usable("Clone"); err != nil {
		return nil, err
	}
	c, err := d.alloc(t.shape...)
	if err != nil {
		return nil, err
	}
	if err := d.vk.Copy(c.buf, 0, t.buf, 0, 4*t.n); err != nil {
		c.Free()
		return nil, fmt.Errorf("gpu: copying tensor %v: %w", t.shape, err)
	}
	return c, nil
}

// floatBytes views float32s as their bytes: Vulkan buffers hold the host's
// little-endian representation, so no conversion is needed.
func floatBytes(f []float32) []byte {
	if len(f) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(f))), 4*len(f))
}

// usable reports a nil or freed tensor passed to op.
func (t *Tensor) usable(op string) error {
	if t == nil {
		return fmt.Errorf("gpu: %s: nil tensor", op)
	}
	if t.buf == nil {
		return fmt.Errorf("gpu: %s: tensor %v was freed", op, t.shape)
	}
	return nil
}

// need is one tensor argument of an op and the element count its
// geometry requires.
type need struct {
	name string
	t    *Tensor
	n    int
}

// check reports the first argument that is nil, freed or of the wrong size.
func check(op string, needs ...need) error {
	for _, a := range needs {
		if err := a.t.usable(op + " " + a.name); err != nil {
			return err
		}
		if a.t.n != a.n {
			return fmt.Errorf("gpu: %s: %s has shape %v (%d elements), the op needs %d",
				op, a.name, a.t.shape, a.t.n, a.n)
		}
	}
	return nil
}

// freeAll releases tensors made before an op failed part-way.
func freeAll(ts ...*Tensor) {
	for _, t := range ts {
		t.Free()
	}
}
