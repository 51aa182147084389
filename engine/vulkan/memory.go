package vulkan

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"unsafe"
)

const (
	// blockBytes is the size of a memory block; bigger requests get a
	// block of their own, kept as a spare when the buffer is freed.
	blockBytes = 64 << 20
	// spareBytes bounds the spare dedicated blocks (see allocator.spares).
	spareBytes = 1 << 30
	// minAlign keeps every buffer 16-byte aligned even where the device
	// would allow less, so vec4 loads never straddle a buffer start.
	minAlign  = 16
	wholeSize = ^uintptr(0) // VK_WHOLE_SIZE
)

// Buffer is a range of device memory usable as a storage buffer. Buffers are
// sub-allocated from large blocks, so thousands of them are cheap.
type Buffer struct {
	dev   *Device
	blk   *block
	off   uint64 // offset in blk, a multiple of the device's alignment
	span  uint64 // bytes reserved in blk (size rounded up, at least minAlign)
	size  int
	freed bool
}

// block is one VkDeviceMemory bound to one VkBuffer that covers it.
type block struct {
	buffer    uint64
	memory    uint64
	size      uint64
	mapped    unsafe.Pointer // whole block mapped when host-accessible (not on discrete GPUs)
	free      []span         // sorted by offset, never adjacent
	live      int            // buffers not yet released
	dedicated bool
}

type span struct{ off, size uint64 }

// allocator hands out Buffers from blocks and keeps frees that must wait
// for the GPU until the next Sync.
type allocator struct {
	blocks   []*block
	align    uint64
	heapMax  uint64
	deferred []*Buffer
	// spares are dedicated blocks whose buffer was freed, oldest first,
	// kept for the next request of about their size: a training step frees
	// and asks again for the same large activations every step, and
	// allocating device memory costs far more than a dispatch. They hold at
	// most spareBytes (an eighth of the largest heap on small devices) and
	// go back to the driver first when memory runs out.
	spares []*block
}

func (a *allocator) init(d *Device) {
	a.align = max(minAlign, d.limits.minStorageBufferOffsetAlignment)
	for _, h := range d.mem.memoryHeaps[:min(int(d.mem.memoryHeapCount), len(d.mem.memoryHeaps))] {
		a.heapMax = max(a.heapMax, h.size)
	}
}

// Alloc returns a buffer of at least bytes bytes (contents undefined).
func (d *Device) Alloc(bytes int) (*Buffer, error) {
	if err := d.usable(); err != nil {
		return nil, err
	}
	if bytes < 0 {
		return nil, fmt.Errorf("vulkan: Alloc(%d): negative size", bytes)
	}
	need := alignUp(uint64(max(bytes, 1)), d.alloc.align)
	if err := d.checkFits(bytes, need); err != nil {
		return nil, err
	}
	blk, off, err := d.alloc.take(d, need)
	if err != nil {
		return nil, fmt.Errorf("vulkan: Alloc(%d bytes) on %s: %w", bytes, d.info.Name, err)
	}
	return &Buffer{dev: d, blk: blk, off: off, span: need, size: bytes}, nil
}

// checkFits rejects requests no block could ever hold before asking the
// driver (some drivers misbehave on absurd sizes). A buffer beyond
// maxStorageBufferRange could not be bound, so it counts as "does not fit".
func (d *Device) checkFits(bytes int, need uint64) error {
	if need > d.alloc.heapMax {
		return fmt.Errorf("%w: asked for %d bytes, the largest heap of %s has %d",
			ErrOutOfMemory, bytes, d.info.Name, d.alloc.heapMax)
	}
	if limit := uint64(d.limits.maxStorageBufferRange); need > limit {
		return fmt.Errorf("%w: asked for %d bytes, a storage buffer on %s spans at most %d",
			ErrOutOfMemory, bytes, d.info.Name, limit)
	}
	return nil
}

// take finds need bytes: first fit in the shared blocks, else a new block.
func (a *allocator) take(d *Device, need uint64) (*block, uint64, error) {
	for _, b := range a.blocks {
		if b.dedicated {
			continue
		}
		if off, ok := b.take(need); ok {
			return b, off, nil
		}
	}
	if b := a.reuseSpare(need); b != nil {
		a.blocks = append(a.blocks, b)
		off, _ := b.take(need)
		return b, off, nil
	}
	size := max(blockBytes, need)
	b, err := newBlock(d, size)
	if err != nil && isOOM(err) {
		// Memory held as spares goes back first; a nearly full device may
		// still hold a block just big enough.
		a.dropSpares(d)
		b, err = newBlock(d, need)
	}
	if err != nil {
		return nil, 0, err
	}
	b.dedicated = need > blockBytes
	a.blocks = append(a.blocks, b)
	off, _ := b.take(need)
	return b, off, nil
}

// take reserves need bytes at the lowest free offset that has room.
func (b *block) take(need uint64) (uint64, bool) {
	for i := range b.free {
		s := &b.free[i]
		if s.size < need {
			continue
		}
		off := s.off
		s.off += need
		s.size -= need
		if s.size == 0 {
			b.free = slices.Delete(b.free, i, i+1)
		}
		b.live++
		return off, true
	}
	return 0, false
}

// give returns a range to the free list, merging it with its neighbours.
func (b *block) give(off, size uint64) {
	i, _ := slices.BinarySearchFunc(b.free, off, func(s span, off uint64) int { return cmp.Compare(s.off, off) })
	b.free = slices.Insert(b.free, i, span{off, size})
	if i+1 < len(b.free) && b.free[i].off+b.free[i].size == b.free[i+1].off {
		b.free[i].size += b.free[i+1].size
		b.free = slices.Delete(b.free, i+1, i+2)
	}
	if i > 0 && b.free[i-1].off+b.free[i-1].size == b.free[i].off {
		b.free[i-1].size += b.free[i].size
		b.free = slices.Delete(b.free, i, i+1)
	}
	b.live--
}

// Size is the requested size in bytes.
func (b *Buffer) Size() int { return b.size }

// Free returns the buffer to its block. It is safe to call while recorded
// dispatches still use it: the memory is reused only after the next Sync.
func (b *Buffer) Free() {
	if b == nil || b.freed || b.dev == nil {
		return
	}
	b.freed = true
	d := b.dev
	if d.closed {
		return
	}
	if d.rec.pending() {
		d.alloc.deferred = append(d.alloc.deferred, b)
		return
	}
	d.alloc.release(d, b)
}

// release gives a freed buffer's range back; an emptied dedicated block
// becomes a spare.
func (a *allocator) release(d *Device, b *Buffer) {
	blk := b.blk
	blk.give(b.off, b.span)
	if blk.live == 0 && blk.dedicated {
		a.blocks = slices.DeleteFunc(a.blocks, func(x *block) bool { return x == blk })
		a.keepSpare(d, blk)
	}
}

// keepSpare adds an empty dedicated block to the spares, giving the oldest
// back to the driver while they hold more than their budget.
func (a *allocator) keepSpare(d *Device, blk *block) {
	a.spares = append(a.spares, blk)
	budget := min(uint64(spareBytes), max(a.heapMax/8, blockBytes))
	held := uint64(0)
	for _, s := range a.spares {
		held += s.size
	}
	for held > budget && len(a.spares) > 0 {
		held -= a.spares[0].size
		a.spares[0].destroy(d)
		a.spares = a.spares[1:]
	}
}

// reuseSpare takes the smallest spare that holds a request above the block
// size without wasting more than a quarter of it, or returns nil.
func (a *allocator) reuseSpare(need uint64) *block {
	if need <= blockBytes { // shared blocks serve it
		return nil
	}
	best := -1
	for i, s := range a.spares {
		if s.size >= need && s.size-need <= s.size/4 && (best < 0 || s.size < a.spares[best].size) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	b := a.spares[best]
	a.spares = slices.Delete(a.spares, best, best+1)
	return b
}

// dropSpares gives every spare back to the driver.
func (a *allocator) dropSpares(d *Device) {
	for _, s := range a.spares {
		s.destroy(d)
	}
	a.spares = nil
}

// releaseDeferred runs after Sync, when the GPU no longer uses anything.
func (a *allocator) releaseDeferred(d *Device) {
	for _, b := range a.deferred {
		a.release(d, b)
	}
	clear(a.deferred)
	a.deferred = a.deferred[:0]
}

func (a *allocator) destroy(d *Device) {
	for _, b := range a.blocks {
		b.destroy(d)
	}
	a.dropSpares(d)
	a.blocks, a.deferred = nil, nil
}

// newBlock creates a buffer of size bytes and binds fresh memory to it.
func newBlock(d *Device, size uint64) (*block, error) {
	b := &block{size: size, free: []span{{0, size}}}
	buf, req, err := d.createBuffer(size, usageStorage|usageTransferSrc|usageTransferDst)
	if err != nil {
		return nil, err
	}
	b.buffer = buf
	mem, typ, err := d.allocateMemory(req, d.blockTypes(req.memoryTypeBits))
	if err != nil {
		b.destroy(d)
		return nil, err
	}
	b.memory = mem
	if err := check("vkBindBufferMemory", callResult(d.fn.bindBufferMemory, d.handle, uintptr(buf), uintptr(mem), 0)); err != nil {
		b.destroy(d)
		return nil, err
	}
	// Host-accessible block memory is mapped once so Write/Read skip the
	// staging copy; on discrete GPUs such memory is a small PCIe window
	// with slow reads, so there the staging path is kept.
	const hostDirect = memHostVisible | memHostCoherent
	if d.mem.memoryTypes[typ].propertyFlags&hostDirect == hostDirect && d.info.Type != "discrete" {
		b.mapped, _ = d.mapMemory(mem) // unmapped works too, just slower
	}
	return b, nil
}

func (b *block) destroy(d *Device) {
	if b.buffer != 0 {
		call(d.fn.destroyBuffer, d.handle, uintptr(b.buffer), 0)
	}
	if b.memory != 0 {
		call(d.fn.freeMemory, d.handle, uintptr(b.memory), 0) // implicitly unmaps
	}
	b.buffer, b.memory, b.mapped = 0, 0, nil
}

// createBuffer makes a VkBuffer and returns its memory requirements.
func (d *Device) createBuffer(size uint64, usage uint32) (uint64, *vkMemoryRequirements, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	info := &vkBufferCreateInfo{sType: stBufferCreateInfo, size: size, usage: usage}
	buf := new(uint64)
	if err := check("vkCreateBuffer", callResult(d.fn.createBuffer, d.handle, addr(&pin, info), 0, addr(&pin, buf))); err != nil {
		return 0, nil, err
	}
	req := new(vkMemoryRequirements)
	call(d.fn.getBufferMemoryRequirements, d.handle, uintptr(*buf), addr(&pin, req))
	return *buf, req, nil
}

// allocateMemory tries the memory types in order and returns the first
// allocation that succeeds; out-of-memory on one type moves to the next.
func (d *Device) allocateMemory(req *vkMemoryRequirements, types []uint32) (uint64, uint32, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	err := fmt.Errorf("vulkan: no memory type fits %#x", req.memoryTypeBits)
	for _, t := range types {
		info := &vkMemoryAllocateInfo{sType: stMemoryAllocateInfo, allocationSize: req.size, memoryTypeIndex: t}
		mem := new(uint64)
		r := callResult(d.fn.allocateMemory, d.handle, addr(&pin, info), 0, addr(&pin, mem))
		if r == vkSuccess {
			return *mem, t, nil
		}
		err = check("vkAllocateMemory", r)
		if !isOutOfMemory(r) {
			break
		}
	}
	return 0, 0, fmt.Errorf("%w (%d bytes)", err, req.size)
}

func (d *Device) mapMemory(mem uint64) (unsafe.Pointer, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	p := new(unsafe.Pointer)
	r := callResult(d.fn.mapMemory, d.handle, uintptr(mem), 0, wholeSize, 0, addr(&pin, p))
	if err := check("vkMapMemory", r); err != nil {
		return nil, err
	}
	return *p, nil
}

// blockTypes orders the memory types allowed by bits for storage blocks:
// device-local first (on a discrete GPU the ones the host cannot see, on
// other devices the host-visible ones, which skip staging); other types
// only when no device-local one is allowed.
func (d *Device) blockTypes(bits uint32) []uint32 {
	discrete := d.info.Type == "discrete"
	return d.rankTypes(bits, func(f uint32) int {
		host := f&(memHostVisible|memHostCoherent) == memHostVisible|memHostCoherent
		switch {
		case f&memDeviceLocal == 0:
			return 3
		case host == discrete:
			return 1
		default:
			return 0
		}
	}, 3)
}

// stagingTypes orders host-visible coherent types, cached ones first
// (reads from uncached memory are very slow).
func (d *Device) stagingTypes(bits uint32) []uint32 {
	return d.rankTypes(bits, func(f uint32) int {
		switch {
		case f&(memHostVisible|memHostCoherent) != memHostVisible|memHostCoherent:
			return -1
		case f&memHostCached != 0:
			return 0
		default:
			return 1
		}
	}, -1)
}

// rankTypes lists the allowed types with score >= 0 by score; types scored
// fallback are kept only when nothing scored better.
func (d *Device) rankTypes(bits uint32, score func(flags uint32) int, fallback int) []uint32 {
	var types []uint32
	for i := range min(d.mem.memoryTypeCount, uint32(len(d.mem.memoryTypes))) {
		if bits&(1<<i) != 0 && score(d.mem.memoryTypes[i].propertyFlags) >= 0 {
			types = append(types, i)
		}
	}
	rank := func(t uint32) int { return score(d.mem.memoryTypes[t].propertyFlags) }
	slices.SortStableFunc(types, func(a, b uint32) int { return cmp.Compare(rank(a), rank(b)) })
	if len(types) > 0 && rank(types[0]) != fallback {
		types = slices.DeleteFunc(types, func(t uint32) bool { return rank(t) == fallback })
	}
	return types
}

func alignUp(n, a uint64) uint64 { return (n + a - 1) / a * a }

// hostBytes views n bytes of mapped memory at off.
func hostBytes(p unsafe.Pointer, off uint64, n int) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(p, off)), n)
}
