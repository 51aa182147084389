package gpu

import (
	"errors"
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
	"transferlab/engine/vulkan"
)

// TestElementwise checks Clamp, ClampBackward (inputs at the kinks
// included), Add with and without clamping, Mul, AddInPlace and Scale.
func TestElementwise(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(7))
	const n = 1000 // several workgroups, the last one partial
	as, bs := randn(r, n), randn(r, n)
	for i := range as {
		as[i] *= 8
	}
	for i := 0; i < n; i += 10 {
		as[i] = []float32{0, 6, -0.5}[i/10%3] // exactly at the ReLU and ReLU6 kinks
	}
	a, b := upload(t, d, as, 10, n/10), upload(t, d, bs, 10, n/10)
	for _, lim := range [][2]float32{{0, posInf}, {0, 6}} {
		lo, hi := lim[0], lim[1]
		y, err := d.Clamp(a, lo, hi)
		must(t, err, y)
		want := make([]float32, n)
		kernels.Clamp(as, lo, hi, want)
		expectShape(t, "clamp", y, 10, n/10)
		expectClose(t, d, "Clamp", y, want)

		dx, err := d.ClampBackward(a, b, lo, hi)
		must(t, err, dx)
		kernels.ClampBackward(as, bs, lo, hi, want)
		expectClose(t, d, "ClampBackward", dx, want)

		s, err := d.Add(a, b, true, lo, hi)
		must(t, err, s)
		kernels.AddClamp(as, bs, true, lo, hi, want)
		expectClose(t, d, "Add clamped", s, want)
	}
	s, err := d.Add(a, b, false, 0, 0)
	must(t, err, s)
	want := make([]float32, n)
	kernels.AddClamp(as, bs, false, 0, 0, want)
	expectClose(t, d, "Add", s, want)

	p, err := d.Mul(a, b)
	must(t, err, p)
	for i := range want {
		want[i] = as[i] * bs[i]
	}
	expectClose(t, d, "Mul", p, want)

	acc := upload(t, d, as, n)
	if err := d.AddInPlace(acc, b); err != nil {
		t.Fatal(err)
	}
	if err := d.Scale(acc, -0.5); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i] = (as[i] + bs[i]) * -0.5
	}
	expectClose(t, d, "AddInPlace+Scale", acc, want)

	if _, err := d.Add(a, upload(t, d, bs[:n-1], n-1), false, 0, 0); err == nil {
		t.Error("Add accepted tensors of different sizes")
	}
}

// TestConcatSplit checks channel concatenation and its inverse.
func TestConcatSplit(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(8))
	const n, ca, cb, h, w = 2, 3, 5, 4, 3
	as, bs := randn(r, n*ca*h*w), randn(r, n*cb*h*w)
	y, err := d.ConcatChannels(upload(t, d, as, n, ca, h, w), upload(t, d, bs, n, cb, h, w))
	must(t, err, y)
	var want []float32
	for img := range n {
		want = append(want, as[img*ca*h*w:(img+1)*ca*h*w]...)
		want = append(want, bs[img*cb*h*w:(img+1)*cb*h*w]...)
	}
	expectShape(t, "concat", y, n, ca+cb, h, w)
	expectClose(t, d, "ConcatChannels", y, want)

	a2, b2, err := d.SplitChannels(y, ca)
	must(t, err, a2, b2)
	expectShape(t, "split a", a2, n, ca, h, w)
	expectShape(t, "split b", b2, n, cb, h, w)
	expectClose(t, d, "SplitChannels a", a2, as)
	expectClose(t, d, "SplitChannels b", b2, bs)

	if _, _, err := d.SplitChannels(y, ca+cb); err == nil {
		t.Error("SplitChannels accepted a split at the last channel")
	}
	if _, err := d.ConcatChannels(y, upload(t, d, bs, n, cb, w, h)); err == nil {
		t.Error("ConcatChannels accepted different spatial shapes")
	}
}

// TestTensorBasics covers Zeros, Write, Reshape views, Clone and Free.
func TestTensorBasics(t *testing.T) {
	d := device(t)
	z, err := d.Zeros(3, 700)
	must(t, err, z)
	expectClose(t, d, "Zeros", z, make([]float32, 2100))
	data := randn(rand.New(rand.NewSource(9)), 2100)
	if err := d.Write(z, data); err != nil {
		t.Fatal(err)
	}
	v, err := z.Reshape(7, 300)
	if err != nil {
		t.Fatal(err)
	}
	expectShape(t, "view", v, 7, 300)
	c, err := d.Clone(v)
	must(t, err, c)
	if err := d.Scale(v, 2); err != nil { // through the view: z sees it, the clone does not
		t.Fatal(err)
	}
	v.Free() // a no-op: z owns the memory
	doubled := make([]float32, len(data))
	for i, x := range data {
		doubled[i] = 2 * x
	}
	expectClose(t, d, "original after scaling the view", z, doubled)
	expectClose(t, d, "clone", c, data)
	if _, err := z.Reshape(2, 2); err == nil {
		t.Error("Reshape accepted a different element count")
	}
	if err := d.Write(z, data[:5]); err == nil {
		t.Error("Write accepted the wrong number of values")
	}
	if _, err := d.FromHost(data, 5); err == nil {
		t.Error("FromHost accepted data that does not match the shape")
	}
	z.Free()
	z.Free() // twice is harmless
	if _, err := d.ToHost(z); err == nil {
		t.Error("ToHost read a freed tensor")
	}
}

// TestOutOfMemory checks that absurd tensors are errors that errors.Is
// recognises as out of memory, never a crash.
func TestOutOfMemory(t *testing.T) {
	d := device(t)
	for _, shape := range [][]int{{1 << 20, 1 << 20}, {1 << 62, 4}} {
		x, err := d.Zeros(shape...)
		if err == nil {
			x.Free()
			t.Fatalf("Zeros%v succeeded", shape)
		}
		if !errors.Is(err, vulkan.ErrOutOfMemory) {
			t.Errorf("Zeros%v: %v does not wrap vulkan.ErrOutOfMemory", shape, err)
		}
		t.Logf("Zeros%v: %v", shape, err)
	}
	// Below the element cap the device decides: 4 GiB fits a big GPU and
	// must fail cleanly elsewhere (lavapipe binds at most 128 MiB).
	x, err := d.Zeros(maxElements)
	if err != nil && !errors.Is(err, vulkan.ErrOutOfMemory) {
		t.Errorf("Zeros(%d): %v does not wrap vulkan.ErrOutOfMemory", maxElements, err)
	}
	t.Logf("Zeros(%d): %v", maxElements, err)
	x.Free()
	if _, err := d.Zeros(3, 0); err == nil {
		t.Error("Zeros accepted a zero dimension")
	}
}
