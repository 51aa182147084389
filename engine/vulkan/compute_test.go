package vulkan

import (
	"encoding/binary"
	"math"
	"os"
	"testing"
)

func axpyPipeline(t testing.TB, d *Device) *Pipeline {
	t.Helper()
	spv, err := os.ReadFile("testdata/axpy.spv")
	must(t, err)
	p, err := d.Pipeline(spv, 3, 8)
	must(t, err)
	return p
}

func axpyPush(s float32, n int) []byte {
	push := make([]byte, 8)
	binary.LittleEndian.PutUint32(push, math.Float32bits(s))
	binary.LittleEndian.PutUint32(push[4:], uint32(n))
	return push
}

func groups(n int) [3]uint32 { return [3]uint32{uint32((n + 63) / 64), 1, 1} }

// TestDispatchChain runs y = a*s + b three times, each dispatch reading
// the previous one's output, with no Sync in between: only the barriers
// after each dispatch keep the results right.
func TestDispatchChain(t *testing.T) {
	d := openTest(t)
	p := axpyPipeline(t, d)
	const n = 1000 // not a multiple of the workgroup size: checks the bound
	a, b := make([]float32, n), make([]float32, n)
	for i := range a {
		a[i], b[i] = float32(i), float32(n-i)
	}
	ba, bb, y1, y2, y3 := alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n)
	must(t, d.Write(ba, 0, floatBytes(a)))
	must(t, d.Write(bb, 0, floatBytes(b)))
	must(t, d.Dispatch(p, groups(n), axpyPush(2, n), ba, bb, y1))  // y1 = 2a + b
	must(t, d.Dispatch(p, groups(n), axpyPush(3, n), y1, ba, y2))  // y2 = 3*y1 + a
	must(t, d.Dispatch(p, groups(n), axpyPush(-1, n), y2, y1, y3)) // y3 = -y2 + y1
	out := make([]byte, 4*n)
	must(t, d.Read(y3, 0, out))
	for i, got := range bytesFloat(out) {
		y1 := 2*a[i] + b[i]
		want := -(3*y1 + a[i]) + y1
		if got != want {
			t.Fatalf("y3[%d] = %v, want %v", i, got, want)
		}
	}
}

// TestDispatchCopyOrder mixes Copy and Dispatch in one recording.
func TestDispatchCopyOrder(t *testing.T) {
	d := openTest(t)
	p := axpyPipeline(t, d)
	const n = 256
	ones := make([]float32, n)
	for i := range ones {
		ones[i] = 1
	}
	x, z, tmp := alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n)
	must(t, d.Write(x, 0, floatBytes(ones)))
	must(t, d.Write(z, 0, make([]byte, 4*n)))
	for range 5 { // x = x*2 + 0, copied through tmp each time
		must(t, d.Dispatch(p, groups(n), axpyPush(2, n), x, z, tmp))
		must(t, d.Copy(x, 0, tmp, 0, 4*n))
	}
	out := make([]byte, 4*n)
	must(t, d.Read(x, 0, out))
	for i, v := range bytesFloat(out) {
		if v != 32 {
			t.Fatalf("x[%d] = %v, want 32", i, v)
		}
	}
}

// TestManyDispatches crosses the early-submit threshold and checks the
// result of a chain longer than one command buffer.
func TestManyDispatches(t *testing.T) {
	d := openTest(t)
	p := axpyPipeline(t, d)
	const n = 64
	x, one, tmp := alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n)
	must(t, d.Write(x, 0, make([]byte, 4*n)))
	ones := make([]float32, n)
	for i := range ones {
		ones[i] = 1
	}
	must(t, d.Write(one, 0, floatBytes(ones)))
	const steps = submitEvery + 500
	for i := range steps { // x += 1, alternating between x and tmp
		src, dst := x, tmp
		if i%2 == 1 {
			src, dst = tmp, x
		}
		must(t, d.Dispatch(p, groups(n), axpyPush(1, n), src, one, dst))
	}
	if !d.rec.submitted {
		t.Error("no early submit after", steps, "dispatches")
	}
	out := make([]byte, 4*n)
	must(t, d.Read(x, 0, out)) // steps is even: the last write went to x
	for i, v := range bytesFloat(out) {
		if v != steps {
			t.Fatalf("x[%d] = %v, want %d", i, v, steps)
		}
	}
}

// TestPushPadding declares a 6-byte push block: Vulkan needs multiples of
// 4, so the range is rounded up and short data padded.
func TestPushPadding(t *testing.T) {
	d := openTest(t)
	spv, err := os.ReadFile("testdata/axpy.spv")
	must(t, err)
	if _, err := d.Pipeline(spv, 3, 129); err == nil {
		t.Error("129 push bytes accepted")
	}
	if _, err := d.Pipeline(spv[:len(spv)-3], 3, 8); err == nil {
		t.Error("truncated SPIR-V accepted")
	}
	if _, err := d.Pipeline(make([]byte, 64), 3, 8); err == nil {
		t.Error("zero bytes accepted as SPIR-V")
	}
	p := axpyPipeline(t, d)
	b := alloc(t, d, 16)
	if err := d.Dispatch(p, groups(1), make([]byte, 12), b, b, b); err == nil {
		t.Error("12 push bytes accepted by an 8-byte block")
	}
	if err := d.Dispatch(p, groups(1), nil, b, b); err == nil {
		t.Error("2 buffers accepted by a 3-binding pipeline")
	}
	if err := d.Dispatch(p, [3]uint32{1 << 31, 1, 1}, nil, b, b, b); err == nil {
		t.Error("2^31 workgroups accepted")
	}
}

// BenchmarkDispatch measures recording cost per dispatch (the tiny kernel
// makes the GPU time negligible), syncing every 1000 dispatches.
func BenchmarkDispatch(b *testing.B) {
	d := openTest(b)
	p := axpyPipeline(b, d)
	x, y, z := alloc(b, d, 256), alloc(b, d, 256), alloc(b, d, 256)
	push := axpyPush(1, 64)
	b.ResetTimer()
	for i := range b.N {
		must(b, d.Dispatch(p, groups(64), push, x, y, z))
		if i%1000 == 999 {
			must(b, d.Sync())
		}
	}
	must(b, d.Sync())
}
