package gpu

import (
	"fmt"
	"math"
)

// Act is an activation fused after an op: none, ReLU (clamp 0..+Inf) or ReLU6.
type Act int

// The activations ops can fuse.
const (
	ActNone Act = iota
	ActReLU
	ActReLU6
)

var (
	negInf = float32(math.Inf(-1))
	posInf = float32(math.Inf(1))
)

// bounds is the clamp range that applies act (±Inf for none).
func (a Act) bounds() (lo, hi float32) {
	switch a {
	case ActReLU:
		return 0, posInf
	case ActReLU6:
		return 0, 6
	}
	return negInf, posInf
}

func (a Act) valid() error {
	if a < ActNone || a > ActReLU6 {
		return fmt.Errorf("gpu: unknown activation %d", a)
	}
	return nil
}

// elementwise allocates an output shaped like `like` and records shader
// name over it with the inputs in, then the output, bound in order.
func (d *Device) elementwise(name string, like *Tensor, pc []byte, in ...*Tensor) (*Tensor, error) {
	y, err := d.alloc(like.shape...)
	if err != nil {
		return nil, err
	}
	if err := d.run(name, y.n, pc, append(in, y)...); err != nil {
		y.Free()
		return nil, err
	}
	return y, nil
}

// Clamp returns min(max(x, lo), hi) (ReLU: 0, +Inf; ReLU6: 0, 6).
func (d *Device) Clamp(x *Tensor, lo, hi float32) (*Tensor, error) {
	if err := x.usable("Clamp"); err != nil {
		return nil, err
	}
	return d.elementwise("clamp", x, push(x.n, lo, hi), x)
}

// ClampBackward returns dy where lo < x < hi, else 0 (kernels.ClampBackward).
func (d *Device) ClampBackward(x, dy *Tensor, lo, hi float32) (*Tensor, error) {
	if err := x.usable("ClampBackward x"); err != nil {
		return nil, err
	}
	if err := check("ClampBackward", need{"dy", dy, x.n}); err != nil {
		return nil, err
	}
	return d.elementwise("clamp_backward", x, push(x.n, lo, hi), x, dy)
}

// The operations of the binary shader.
const (
	opAddClamp = 0
	opMul      = 1
	opAddTo    = 2
)

// Add returns a + b, clamped to [lo, hi] when clamp (kernels.AddClamp).
func (d *Device) Add(a, b *Tensor, clamp bool, lo, hi float32) (*Tensor, error) {
	if err := a.usable("Add a"); err != nil {
		return nil, err
	}
	if err := check("Add", need{"b", b, a.n}); err != nil {
		return nil, err
	}
	if !clamp {
		lo, hi = negInf, posInf
	}
	return d.elementwise("binary", a, push(a.n, opAddClamp, lo, hi), a, b)
}

// Mul returns a ⊙ b (dropout masks).
func (d *Device) Mul(a, b *Tensor) (*Tensor, error) {
	if err := a.usable("Mul a"); err != nil {
		return nil, err
	}
	if err := check("Mul", need{"b", b, a.n}); err != nil {
		return nil, err
	}
	return d.elementwise("binary", a, push(a.n, opMul, float32(0), float32(0)), a, b)
}

// AddInPlace does dst += src (gradient accumulation).
func (d *Device) AddInPlace(dst, src *Tensor) error {
	if err := dst.usable("AddInPlace dst"); err != nil {
		return err
	}
	if err := check("AddInPlace", need{"src", src, dst.n}); err != nil {
		return err
	}
	// The output binding is unused by this operation; dst stands in for it.
	return d.run("binary", dst.n, push(dst.n, opAddTo, float32(0), float32(0)), dst, src, dst)
}

// Scale does t *= s in place.
func (d *Device) Scale(t *Tensor, s float32) error {
	if err := t.usable("Scale"); err != nil {
		return err
	}
	return d.run("scale", t.n, push(t.n, s), t)
}
