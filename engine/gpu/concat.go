package gpu

import "fmt"

// channelDims splits a shape (N, C, ...) into N, C and the product of the
// rest (1 for a 2-D tensor).
func channelDims(t *Tensor) (n, c, rest int, err error) {
	if len(t.shape) < 2 {
		return 0, 0, 0, fmt.Errorf("gpu: tensor %v has no channel dimension", t.shape)
	}
	return t.shape[0], t.shape[1], t.n / (t.shape[0] * t.shape[1]), nil
}

// copyChannels records the copy of small (N, cs, HW) to (extract false) or
// from (extract true) channels [off, off+cs) of big (N, cd, HW).
func (d *Device) copyChannels(small, big *Tensor, cs, cd, hw, off int, extract bool) error {
	return d.run("channel_copy", small.n, push(small.n, cs, cd, hw, off, extract), small, big)
}

// ConcatChannels joins a (N,Ca,H,W) and b (N,Cb,H,W) into (N,Ca+Cb,H,W).
func (d *Device) ConcatChannels(a, b *Tensor) (*Tensor, error) {
	if err := a.usable("ConcatChannels a"); err != nil {
		return nil, err
	}
	if err := b.usable("ConcatChannels b"); err != nil {
		return nil, err
	}
	_, ca, hw, err := channelDims(a)
	if err != nil {
		return nil, err
	}
	_, cb, _, err := channelDims(b)
	if err != nil {
		return nil, err
	}
	if !sameBeyondChannels(a.shape, b.shape) {
		return nil, fmt.Errorf("gpu: ConcatChannels: shapes %v and %v differ beyond channels", a.shape, b.shape)
	}
	shape := a.Shape()
	shape[1] = ca + cb
	y, err := d.alloc(shape...)
	if err != nil {
		return nil, err
	}
	if err := d.copyChannels(a, y, ca, ca+cb, hw, 0, false); err != nil {
		y.Free()
		return nil, err
	}
	if err := d.copyChannels(b, y, cb, ca+cb, hw, ca, false); err != nil {
		y.Free()
		return nil, err
	}
	return y, nil
}

// SplitChannels is ConcatChannels' backward: (N,Ca+Cb,H,W) → (N,Ca,..), (N,Cb,..).
func (d *Device) SplitChannels(y *Tensor, ca int) (a, b *Tensor, err error) {
	if err := y.usable("SplitChannels"); err != nil {
		return nil, nil, err
	}
	_, c, hw, err := channelDims(y)
	if err != nil {
		return nil, nil, err
	}
	if ca < 1 || ca >= c {
		return nil, nil, fmt.Errorf("gpu: SplitChannels: cannot split %d channels of %v at %d", c, y.shape, ca)
	}
	shapeA, shapeB := y.Shape(), y.Shape()
	shapeA[1], shapeB[1] = ca, c-ca
	if a, err = d.alloc(shapeA...); err != nil {
		return nil, nil, err
	}
	if b, err = d.alloc(shapeB...); err != nil {
		a.Free()
		return nil, nil, err
	}
	if err = d.copyChannels(a, y, ca, c, hw, 0, true); err == nil {
		err = d.copyChannels(b, y, c-ca, c, hw, ca, true)
	}
	if err != nil {
		freeAll(a, b)
		return nil, nil, err
	}
	return a, b, nil
}

// sameBeyondChannels reports whether two shapes agree in every dimension
// but the second.
func sameBeyondChannels(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if i != 1 && a[i] != b[i] {
			return false
		}
	}
	return true
}
