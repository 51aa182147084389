package vulkan

import (
	"fmt"
	"runtime"
)

const (
	// submitEvery bounds one command buffer: a long recording is submitted
	// early (without waiting) so the driver never sees a giant buffer.
	submitEvery = 4096
	// setsPerPool and descriptorsPerPool size each descriptor pool; pools
	// are added when one runs out and all are reset after Sync.
	setsPerPool        = 1024
	descriptorsPerPool = 8192
	waitForever        = ^uintptr(0)
)

// recorder is the command-recording state: one command pool whose buffers
// are reused after every Sync, the fence Sync waits on, and the growing
// list of descriptor pools.
type recorder struct {
	pool      uint64
	buffers   []uintptr // allocated from pool; [0, next) used since the last Sync
	next      int
	current   uintptr // the command buffer being recorded, 0 if none
	commands  int     // commands in current
	bound     uint64  // pipeline bound in current
	submitted bool    // something was submitted early since the last Sync
	fence     uint64
	descPools []uint64
	descNext  int // the pool sets come from now
	descSets  int // sets and descriptors taken from descPools[descNext]
	descUsed  int
}

func (r *recorder) init(d *Device) error {
	var pin runtime.Pinner
	defer pin.Unpin()
	pool := &vkCommandPoolCreateInfo{sType: stCommandPoolCreateInfo, flags: cmdPoolTransient, queueFamilyIndex: d.family}
	res := callResult(d.fn.createCommandPool, d.handle, addr(&pin, pool), 0, addr(&pin, &r.pool))
	if err := check("vkCreateCommandPool", res); err != nil {
		return err
	}
	fence := &vkFenceCreateInfo{sType: stFenceCreateInfo}
	return check("vkCreateFence", callResult(d.fn.createFence, d.handle, addr(&pin, fence), 0, addr(&pin, &r.fence)))
}

// pending reports recorded or submitted work that Sync has not waited for.
func (r *recorder) pending() bool { return r.current != 0 || r.submitted }

func (r *recorder) destroy(d *Device) {
	for _, p := range r.descPools {
		call(d.fn.destroyDescriptorPool, d.handle, uintptr(p), 0)
	}
	if r.pool != 0 {
		call(d.fn.destroyCommandPool, d.handle, uintptr(r.pool), 0) // frees its command buffers
	}
	if r.fence != 0 {
		call(d.fn.destroyFence, d.handle, uintptr(r.fence), 0)
	}
	*r = recorder{}
}

// begin starts a command buffer unless one is being recorded.
func (d *Device) begin() error {
	r := &d.rec
	if r.current != 0 {
		return nil
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	if r.next == len(r.buffers) {
		info := &vkCommandBufferAllocateInfo{sType: stCommandBufferAllocateInfo, commandPool: r.pool,
			level: cmdBufferPrimary, commandBufferCount: 1}
		cb := new(uintptr)
		if err := check("vkAllocateCommandBuffers", callResult(d.fn.allocateCommandBuffers, d.handle, addr(&pin, info), addr(&pin, cb))); err != nil {
			return err
		}
		r.buffers = append(r.buffers, *cb)
	}
	cb := r.buffers[r.next]
	info := &vkCommandBufferBeginInfo{sType: stCommandBufferBeginInfo, flags: cmdBufferOneTimeSubmit}
	if err := check("vkBeginCommandBuffer", callResult(d.fn.beginCommandBuffer, cb, addr(&pin, info))); err != nil {
		return err
	}
	r.next++
	r.current, r.commands, r.bound = cb, 0, 0
	return nil
}

// recorded counts a command and submits early when the buffer is long.
func (d *Device) recorded() error {
	d.rec.commands++
	if d.rec.commands < submitEvery {
		return nil
	}
	if err := d.submit(0); err != nil {
		d.err = err
		return err
	}
	d.rec.submitted = true
	return nil
}

// barrier records a global memory barrier between two stage sets.
func (d *Device) barrier(srcStage, dstStage, srcAccess, dstAccess uint32) {
	var pin runtime.Pinner
	defer pin.Unpin()
	mb := &vkMemoryBarrier{sType: stMemoryBarrier, srcAccessMask: srcAccess, dstAccessMask: dstAccess}
	call(d.fn.cmdPipelineBarrier, d.rec.current, uintptr(srcStage), uintptr(dstStage), 0,
		1, addr(&pin, mb), 0, 0, 0, 0)
}

// afterWrite makes a dispatch's or copy's writes visible to every later
// dispatch and copy, and orders later writes after earlier reads.
func (d *Device) afterWrite(srcStage, srcAccess uint32) {
	d.barrier(srcStage, pipeCompute|pipeTransfer, srcAccess,
		accessShaderRead|accessShaderWrite|accessTransferRead|accessTransferWrite)
}

// submit ends the current command buffer (if any) and submits it; fence
// may be 0. A final barrier makes all device writes visible to the host,
// which a fence wait alone does not guarantee.
func (d *Device) submit(fence uint64) error {
	var pin runtime.Pinner
	defer pin.Unpin()
	info := &vkSubmitInfo{sType: stSubmitInfo}
	if cb := d.rec.current; cb != 0 {
		d.barrier(pipeCompute|pipeTransfer, pipeHost, accessShaderWrite|accessTransferWrite, accessHostRead)
		d.rec.current = 0
		if err := check("vkEndCommandBuffer", callResult(d.fn.endCommandBuffer, cb)); err != nil {
			return err
		}
		cbs := []uintptr{cb}
		info.commandBufferCount, info.pCommandBuffers = 1, sliceAddr(&pin, cbs)
	}
	count := uintptr(1)
	if info.commandBufferCount == 0 {
		count = 0 // only the fence: it signals once all earlier submissions finish
	}
	return check("vkQueueSubmit", callResult(d.fn.queueSubmit, d.queue, count, addr(&pin, info), uintptr(fence)))
}

// Sync submits everything recorded and waits for it to finish.
func (d *Device) Sync() error {
	if err := d.usable(); err != nil {
		return err
	}
	if d.rec.pending() {
		if err := d.submitAndWait(); err != nil {
			d.err = err
			return err
		}
	}
	d.alloc.releaseDeferred(d)
	return nil
}

// submitAndWait submits with the fence, waits, and resets the command and
// descriptor pools for reuse.
func (d *Device) submitAndWait() error {
	if err := d.submit(d.rec.fence); err != nil {
		return err
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	fences := []uint64{d.rec.fence}
	r := callResult(d.fn.waitForFences, d.handle, 1, sliceAddr(&pin, fences), 1, waitForever)
	if err := check("vkWaitForFences", r); err != nil {
		return err
	}
	if err := check("vkResetFences", callResult(d.fn.resetFences, d.handle, 1, sliceAddr(&pin, fences))); err != nil {
		return err
	}
	if err := d.collectTimestamps(); err != nil {
		return err
	}
	if err := check("vkResetCommandPool", callResult(d.fn.resetCommandPool, d.handle, uintptr(d.rec.pool), 0)); err != nil {
		return err
	}
	d.rec.next, d.rec.submitted = 0, false
	for _, p := range d.rec.descPools {
		if err := check("vkResetDescriptorPool", callResult(d.fn.resetDescriptorPool, d.handle, uintptr(p), 0)); err != nil {
			return err
		}
	}
	d.rec.descNext, d.rec.descSets, d.rec.descUsed = 0, 0, 0
	return nil
}

// Dispatch records one dispatch of groups workgroups into the current command
// buffer, with bufs bound in order and push as the push constants, followed
// by a compute→compute memory barrier so the next dispatch sees its writes.
// Nothing runs until Sync (or Read/Write).
func (d *Device) Dispatch(p *Pipeline, groups [3]uint32, push []byte, bufs ...*Buffer) error {
	if err := d.checkDispatch(p, groups, push, bufs); err != nil {
		return err
	}
	if err := d.begin(); err != nil {
		return err
	}
	set, err := d.descriptorSet(p, bufs)
	if err != nil {
		return err
	}
	cb := d.rec.current
	if d.rec.bound != p.pipeline {
		call(d.fn.cmdBindPipeline, cb, bindPointCompute, uintptr(p.pipeline))
		d.rec.bound = p.pipeline
	}
	d.bindAndPush(p, set, push)
	call(d.fn.cmdDispatch, cb, uintptr(groups[0]), uintptr(groups[1]), uintptr(groups[2]))
	d.afterWrite(pipeCompute, accessShaderWrite)
	return d.recorded()
}

func (d *Device) bindAndPush(p *Pipeline, set uint64, push []byte) {
	var pin runtime.Pinner
	defer pin.Unpin()
	sets := []uint64{set}
	call(d.fn.cmdBindDescriptorSets, d.rec.current, bindPointCompute, uintptr(p.layout), 0, 1,
		sliceAddr(&pin, sets), 0, 0)
	if p.pushSize == 0 {
		return
	}
	// The range was declared rounded up to 4 bytes; pad short data with zeros.
	data := make([]byte, p.pushSize)
	copy(data, push)
	call(d.fn.cmdPushConstants, d.rec.current, uintptr(p.layout), stageCompute, 0, uintptr(p.pushSize),
		sliceAddr(&pin, data))
}

func (d *Device) checkDispatch(p *Pipeline, groups [3]uint32, push []byte, bufs []*Buffer) error {
	if err := d.usable(); err != nil {
		return err
	}
	if p == nil || p.dev != d || p.pipeline == 0 {
		return fmt.Errorf("vulkan: Dispatch: pipeline is nil or not from this device")
	}
	if len(bufs) != p.bindings {
		return fmt.Errorf("vulkan: Dispatch: %d buffers for a pipeline with %d bindings", len(bufs), p.bindings)
	}
	if len(push) > p.pushBytes {
		return fmt.Errorf("vulkan: Dispatch: %d push-constant bytes for a pipeline with %d", len(push), p.pushBytes)
	}
	for i, g := range groups {
		if g > d.limits.maxComputeWorkGroupCount[i] {
			return fmt.Errorf("vulkan: Dispatch: %d workgroups in dimension %d, the device allows %d",
				g, i, d.limits.maxComputeWorkGroupCount[i])
		}
	}
	for i, b := range bufs {
		if err := d.checkBuffer(b); err != nil {
			return fmt.Errorf("vulkan: Dispatch: buffer %d: %w", i, err)
		}
	}
	return nil
}

// checkBuffer rejects nil, freed and foreign buffers.
func (d *Device) checkBuffer(b *Buffer) error {
	switch {
	case b == nil:
		return fmt.Errorf("nil buffer")
	case b.dev != d:
		return fmt.Errorf("buffer from another device")
	case b.freed:
		return fmt.Errorf("buffer already freed")
	}
	return nil
}

// Copy records a buffer-to-buffer copy of bytes bytes (with a barrier).
func (d *Device) Copy(dst *Buffer, dstOffset int, src *Buffer, srcOffset int, bytes int) error {
	if err := d.usable(); err != nil {
		return err
	}
	if err := d.checkRange("Copy dst", dst, dstOffset, bytes); err != nil {
		return err
	}
	if err := d.checkRange("Copy src", src, srcOffset, bytes); err != nil {
		return err
	}
	if bytes == 0 {
		return nil
	}
	if dst == src && dstOffset < srcOffset+bytes && srcOffset < dstOffset+bytes {
		return fmt.Errorf("vulkan: Copy: source and destination overlap")
	}
	if err := d.begin(); err != nil {
		return err
	}
	d.copyBuffer(dst.blk.buffer, dst.off+uint64(dstOffset), src.blk.buffer, src.off+uint64(srcOffset), uint64(bytes))
	d.afterWrite(pipeTransfer, accessTransferWrite)
	return d.recorded()
}

// copyBuffer records vkCmdCopyBuffer between two VkBuffers.
func (d *Device) copyBuffer(dst uint64, dstOff uint64, src uint64, srcOff uint64, n uint64) {
	var pin runtime.Pinner
	defer pin.Unpin()
	region := &vkBufferCopy{srcOffset: srcOff, dstOffset: dstOff, size: n}
	call(d.fn.cmdCopyBuffer, d.rec.current, uintptr(src), uintptr(dst), 1, addr(&pin, region))
}

// checkRange validates [offset, offset+n) against a live buffer of d.
func (d *Device) checkRange(op string, b *Buffer, offset, n int) error {
	if err := d.checkBuffer(b); err != nil {
		return fmt.Errorf("vulkan: %s: %w", op, err)
	}
	if offset < 0 || n < 0 || offset > b.size || n > b.size-offset {
		return fmt.Errorf("vulkan: %s: range [%d, %d+%d) outside a %d-byte buffer", op, offset, offset, n, b.size)
	}
	return nil
}
