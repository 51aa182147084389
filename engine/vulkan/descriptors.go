package vulkan

import (
	"fmt"
	"runtime"
)

// descriptorSet allocates a set for p and points its bindings at bufs.
func (d *Device) descriptorSet(p *Pipeline, bufs []*Buffer) (uint64, error) {
	set, err := d.allocSet(p.setLayout, p.bindings)
	if err != nil || len(bufs) == 0 {
		return set, err
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	infos := make([]vkDescriptorBufferInfo, len(bufs))
	writes := make([]vkWriteDescriptorSet, len(bufs))
	for i, b := range bufs {
		rng := uint64(b.size)
		if rng == 0 {
			rng = b.span // a zero range is invalid; the span is reserved anyway
		}
		infos[i] = vkDescriptorBufferInfo{buffer: b.blk.buffer, offset: b.off, rng: rng}
		writes[i] = vkWriteDescriptorSet{sType: stWriteDescriptorSet, dstSet: set, dstBinding: uint32(i),
			descriptorCount: 1, descriptorType: descStorageBuffer, pBufferInfo: addr(&pin, &infos[i])}
	}
	call(d.fn.updateDescriptorSets, d.handle, uintptr(len(writes)), sliceAddr(&pin, writes), 0, 0)
	return set, nil
}

// allocSet takes a set from the current pool, moving on to the next (and
// creating it) when the pool is exhausted. Pools are reset after Sync.
// Counting what was taken avoids most failed allocations; the driver's
// out-of-pool answer is still handled (fragmentation is implementation-
// defined).
func (d *Device) allocSet(layout uint64, bindings int) (uint64, error) {
	r := &d.rec
	if r.descSets+1 > setsPerPool || r.descUsed+bindings > descriptorsPerPool {
		r.nextPool()
	}
	for {
		fresh := r.descNext == len(r.descPools)
		if fresh {
			if err := d.addDescriptorPool(); err != nil {
				return 0, err
			}
		}
		set, res := d.tryAllocSet(r.descPools[r.descNext], layout)
		switch {
		case res == vkSuccess:
			r.descSets++
			r.descUsed += bindings
			return set, nil
		case fresh || (res != vkErrOutOfPoolMemory && res != vkErrFragmentedPool):
			return 0, check("vkAllocateDescriptorSets", res)
		}
		r.nextPool()
	}
}

func (r *recorder) nextPool() {
	r.descNext++
	r.descSets, r.descUsed = 0, 0
}

func (d *Device) tryAllocSet(pool, layout uint64) (uint64, int32) {
	var pin runtime.Pinner
	defer pin.Unpin()
	layouts := []uint64{layout}
	info := &vkDescriptorSetAllocateInfo{sType: stDescriptorSetAllocateInfo, descriptorPool: pool,
		descriptorSetCount: 1, pSetLayouts: sliceAddr(&pin, layouts)}
	set := new(uint64)
	res := callResult(d.fn.allocateDescriptorSets, d.handle, addr(&pin, info), addr(&pin, set))
	return *set, res
}

func (d *Device) addDescriptorPool() error {
	var pin runtime.Pinner
	defer pin.Unpin()
	sizes := []vkDescriptorPoolSize{{typ: descStorageBuffer, descriptorCount: descriptorsPerPool}}
	info := &vkDescriptorPoolCreateInfo{sType: stDescriptorPoolCreateInfo, maxSets: setsPerPool,
		poolSizeCount: 1, pPoolSizes: sliceAddr(&pin, sizes)}
	pool := new(uint64)
	res := callResult(d.fn.createDescriptorPool, d.handle, addr(&pin, info), 0, addr(&pin, pool))
	if err := check("vkCreateDescriptorPool", res); err != nil {
		return fmt.Errorf("vulkan: descriptor pool %d: %w", len(d.rec.descPools)+1, err)
	}
	d.rec.descPools = append(d.rec.descPools, *pool)
	return nil
}
