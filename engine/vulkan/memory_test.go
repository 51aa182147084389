package vulkan

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"testing"
)

func TestWriteReadOffsets(t *testing.T) {
	d := openTest(t)
	b := alloc(t, d, 1000)
	if b.Size() != 1000 {
		t.Fatalf("Size = %d", b.Size())
	}
	whole := pattern(1000, 1)
	must(t, d.Write(b, 0, whole))
	part := pattern(77, 9)
	must(t, d.Write(b, 333, part))
	copy(whole[333:], part)
	got := make([]byte, 1000)
	must(t, d.Read(b, 0, got))
	if !bytes.Equal(got, whole) {
		t.Fatal("whole read differs")
	}
	got = make([]byte, 5)
	must(t, d.Read(b, 995, got))
	if !bytes.Equal(got, whole[995:]) {
		t.Fatalf("tail read %v, want %v", got, whole[995:])
	}
	for _, c := range []struct{ off, n int }{{-1, 1}, {1000, 1}, {996, 5}} {
		if err := d.Read(b, c.off, make([]byte, c.n)); err == nil {
			t.Errorf("Read(off %d, %d bytes) of a 1000-byte buffer: no error", c.off, c.n)
		}
		if err := d.Write(b, c.off, make([]byte, c.n)); err == nil {
			t.Errorf("Write(off %d, %d bytes) of a 1000-byte buffer: no error", c.off, c.n)
		}
	}
}

// TestStagingPath forces the staging copy even where block memory is
// host-visible (lavapipe), so CI covers the path discrete GPUs take.
func TestStagingPath(t *testing.T) {
	d := openTest(t)
	b := alloc(t, d, 3<<20) // bigger than the first staging buffer: it must grow
	mapped := b.blk.mapped
	b.blk.mapped = nil
	defer func() { b.blk.mapped = mapped }()
	data := pattern(3<<20, 5)
	must(t, d.Write(b, 0, data))
	must(t, d.Write(b, 12345, pattern(100, 6)))
	copy(data[12345:], pattern(100, 6))
	got := make([]byte, len(data))
	must(t, d.Read(b, 0, got))
	if !bytes.Equal(got, data) {
		t.Fatal("staged round trip differs")
	}
	if d.stage.size < 3<<20 {
		t.Errorf("staging size %d after a 3 MiB transfer", d.stage.size)
	}
}

// TestManySmallBuffers allocates thousands of buffers, checks that each
// keeps its own bytes, then frees and reallocates them and checks the
// freed ranges were reused instead of new blocks being made.
func TestManySmallBuffers(t *testing.T) {
	d := openTest(t)
	const n = 3000
	bufs := make([]*Buffer, n)
	for i := range bufs {
		bufs[i] = alloc(t, d, 1+i%300)
	}
	for i, b := range bufs[:200] {
		must(t, d.Write(b, 0, pattern(b.Size(), byte(i))))
	}
	for i, b := range bufs[:200] {
		got := make([]byte, b.Size())
		must(t, d.Read(b, 0, got))
		if !bytes.Equal(got, pattern(b.Size(), byte(i))) {
			t.Fatalf("buffer %d lost its bytes", i)
		}
	}
	checkDisjoint(t, bufs)
	blocks := len(d.alloc.blocks)
	for _, b := range bufs {
		b.Free()
		b.Free() // twice is harmless
	}
	for i := range bufs {
		bufs[i] = alloc(t, d, 1+i%300)
	}
	if len(d.alloc.blocks) != blocks {
		t.Errorf("blocks grew from %d to %d: freed ranges not reused", blocks, len(d.alloc.blocks))
	}
	for _, b := range bufs {
		b.Free()
	}
	for _, blk := range d.alloc.blocks {
		if blk.live != 0 || len(blk.free) != 1 || blk.free[0] != (span{0, blk.size}) {
			t.Errorf("block not whole again after freeing everything: live %d, free %v", blk.live, blk.free)
		}
	}
}

// checkDisjoint checks that no two live buffers share a byte and that every
// offset keeps the device's alignment.
func checkDisjoint(t *testing.T, bufs []*Buffer) {
	t.Helper()
	spans := map[*block][]span{}
	for _, b := range bufs {
		if b.off%b.dev.alloc.align != 0 {
			t.Fatalf("offset %d not aligned to %d", b.off, b.dev.alloc.align)
		}
		spans[b.blk] = append(spans[b.blk], span{b.off, b.span})
	}
	for _, ss := range spans {
		slices.SortFunc(ss, func(a, b span) int { return cmp.Compare(a.off, b.off) })
		for i := 1; i < len(ss); i++ {
			if ss[i-1].off+ss[i-1].size > ss[i].off {
				t.Fatalf("buffers overlap: %v and %v", ss[i-1], ss[i])
			}
		}
	}
}

// TestDeferredFree frees a buffer that a recorded dispatch still reads: its
// range must not be handed out again before Sync.
func TestDeferredFree(t *testing.T) {
	d := openTest(t)
	p := axpyPipeline(t, d)
	const n = 64
	a, b, y := alloc(t, d, 4*n), alloc(t, d, 4*n), alloc(t, d, 4*n)
	must(t, d.Write(a, 0, floatBytes(make([]float32, n))))
	must(t, d.Write(b, 0, floatBytes(make([]float32, n))))
	must(t, d.Dispatch(p, groups(n), axpyPush(1, n), a, b, y))
	a.Free()
	c := alloc(t, d, 4*n)
	if c.blk == a.blk && c.off == a.off {
		t.Fatal("a freed buffer still in use by recorded work was reused before Sync")
	}
	must(t, d.Sync())
	e := alloc(t, d, 4*n)
	if e.blk != a.blk || e.off != a.off {
		t.Errorf("after Sync the freed range (%d) was not reused (got %d)", a.off, e.off)
	}
	if err := d.Dispatch(p, groups(n), nil, a, b, y); err == nil {
		t.Error("Dispatch with a freed buffer: no error")
	}
}

func TestOutOfMemory(t *testing.T) {
	d := openTest(t)
	_, err := d.Alloc(1 << 46)
	if !errors.Is(err, ErrOutOfMemory) {
		t.Fatalf("Alloc(1<<46) = %v, want ErrOutOfMemory", err)
	}
	t.Log(err)
	if _, err := d.Alloc(-1); err == nil {
		t.Error("Alloc(-1): no error")
	}
	// The device still works afterwards.
	b := alloc(t, d, 0)
	must(t, d.Write(b, 0, nil))
	b.Free()
}

// TestDedicatedBlock: a buffer above the block size gets its own block,
// which is kept as a spare when the buffer is freed and serves the next
// request of about its size (a training step's activations), not a much
// smaller one; spares go back to the driver beyond their budget.
func TestDedicatedBlock(t *testing.T) {
	d := openTest(t)
	before := len(d.alloc.blocks)
	b := alloc(t, d, blockBytes+1)
	if !b.blk.dedicated || len(d.alloc.blocks) != before+1 {
		t.Fatalf("dedicated %v, blocks %d -> %d", b.blk.dedicated, before, len(d.alloc.blocks))
	}
	tail := pattern(64, 3)
	must(t, d.Write(b, blockBytes-63, tail))
	got := make([]byte, 64)
	must(t, d.Read(b, blockBytes-63, got))
	if !bytes.Equal(got, tail) {
		t.Fatal("tail of a big buffer differs")
	}
	first := b.blk
	b.Free()
	if len(d.alloc.blocks) != before || len(d.alloc.spares) != 1 {
		t.Fatalf("after Free: %d blocks (before %d), %d spares", len(d.alloc.blocks), before, len(d.alloc.spares))
	}
	small := alloc(t, d, blockBytes/2+blockBytes/4) // a quarter of the spare would sit unused: too wasteful
	if small.blk == first {
		t.Error("a much smaller buffer took the spare")
	}
	again := alloc(t, d, blockBytes)
	if again.blk == first { // not above the block size: a shared block
		t.Error("a shared-size buffer took the spare")
	}
	big := alloc(t, d, blockBytes+1)
	if big.blk != first || len(d.alloc.spares) != 0 {
		t.Errorf("the same size again got a new block (spares %d)", len(d.alloc.spares))
	}
	for _, x := range []*Buffer{small, again, big} {
		x.Free()
	}
	for range 40 { // far beyond the budget of spares
		alloc(t, d, blockBytes+1<<20).Free()
		alloc(t, d, blockBytes+3<<20).Free()
	}
	held := uint64(0)
	for _, s := range d.alloc.spares {
		held += s.size
	}
	if held > spareBytes {
		t.Errorf("spares hold %d bytes, budget %d", held, spareBytes)
	}
}
