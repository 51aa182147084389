package vulkan

import (
	"fmt"
	"unsafe"
)

const (
	// stagingChunk bounds the staging buffer: bigger transfers go through
	// it in pieces, so a 500 MB upload never needs 500 MB of host memory.
	stagingChunk = 64 << 20
	stagingMin   = 1 << 20
)

// staging is a host-visible buffer for Write/Read on memory the host
// cannot map. It grows (up to stagingChunk) and lives until Close.
type staging struct {
	buffer uint64
	memory uint64
	size   uint64
	mapped unsafe.Pointer
}

// Write copies data into the buffer at a byte offset (via a staging buffer;
// it syncs pending work first so the order of operations is kept).
func (d *Device) Write(b *Buffer, offset int, data []byte) error {
	if err := d.usable(); err != nil {
		return err
	}
	if err := d.checkRange("Write", b, offset, len(data)); err != nil {
		return err
	}
	if len(data) == 0 {
		return nil
	}
	if err := d.Sync(); err != nil {
		return err
	}
	base := b.off + uint64(offset)
	if b.blk.mapped != nil {
		copy(hostBytes(b.blk.mapped, base, len(data)), data)
		return nil
	}
	for done := 0; done < len(data); {
		n := min(len(data)-done, stagingChunk)
		if err := d.stage.ensure(d, uint64(n)); err != nil {
			return err
		}
		copy(hostBytes(d.stage.mapped, 0, n), data[done:done+n])
		if err := d.stagedCopy(b.blk.buffer, base+uint64(done), d.stage.buffer, 0, n); err != nil {
			return err
		}
		done += n
	}
	return nil
}

// Read copies the buffer's bytes at offset into out, after syncing.
func (d *Device) Read(b *Buffer, offset int, out []byte) error {
	if err := d.usable(); err != nil {
		return err
	}
	if err := d.checkRange("Read", b, offset, len(out)); err != nil {
		return err
	}
	if len(out) == 0 {
		return d.Sync()
	}
	if err := d.Sync(); err != nil {
		return err
	}
	base := b.off + uint64(offset)
	if b.blk.mapped != nil {
		copy(out, hostBytes(b.blk.mapped, base, len(out)))
		return nil
	}
	for done := 0; done < len(out); {
		n := min(len(out)-done, stagingChunk)
		if err := d.stage.ensure(d, uint64(n)); err != nil {
			return err
		}
		if err := d.stagedCopy(d.stage.buffer, 0, b.blk.buffer, base+uint64(done), n); err != nil {
			return err
		}
		copy(out[done:done+n], hostBytes(d.stage.mapped, 0, n))
		done += n
	}
	return nil
}

// stagedCopy records one copy and runs it to completion.
func (d *Device) stagedCopy(dst, dstOff, src, srcOff uint64, n int) error {
	if err := d.begin(); err != nil {
		return err
	}
	d.copyBuffer(dst, dstOff, src, srcOff, uint64(n))
	d.afterWrite(pipeTransfer, accessTransferWrite)
	d.rec.commands++
	return d.Sync()
}

// ensure makes the staging buffer hold at least n bytes. Only called
// right after Sync, so the old buffer is no longer in use.
func (s *staging) ensure(d *Device, n uint64) error {
	if s.size >= n {
		return nil
	}
	s.destroy(d)
	size := uint64(stagingMin)
	for size < n {
		size *= 2
	}
	size = min(size, max(n, stagingChunk))
	buf, req, err := d.createBuffer(size, usageTransferSrc|usageTransferDst)
	if err != nil {
		return err
	}
	s.buffer = buf
	if s.memory, _, err = d.allocateMemory(req, d.stagingTypes(req.memoryTypeBits)); err != nil {
		s.destroy(d)
		return fmt.Errorf("vulkan: staging buffer: %w", err)
	}
	if err := check("vkBindBufferMemory", callResult(d.fn.bindBufferMemory, d.handle, uintptr(buf), uintptr(s.memory), 0)); err != nil {
		s.destroy(d)
		return err
	}
	if s.mapped, err = d.mapMemory(s.memory); err != nil {
		s.destroy(d)
		return err
	}
	s.size = size
	return nil
}

func (s *staging) destroy(d *Device) {
	if s.buffer != 0 {
		call(d.fn.destroyBuffer, d.handle, uintptr(s.buffer), 0)
	}
	if s.memory != 0 {
		call(d.fn.freeMemory, d.handle, uintptr(s.memory), 0)
	}
	*s = staging{}
}
