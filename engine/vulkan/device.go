package vulkan

import (
	"runtime"
	"slices"
)

// Device is an open logical device with one compute queue. It is not safe
// for concurrent use: one goroutine records and syncs.
type Device struct {
	info   DeviceInfo
	inst   *instance
	phys   uintptr
	handle uintptr // VkDevice
	queue  uintptr // VkQueue
	family uint32
	fn     deviceFuncs
	limits vkPhysicalDeviceLimits
	mem    *vkPhysicalDeviceMemoryProperties

	alloc     allocator
	stage     staging
	rec       recorder
	pipelines []*Pipeline
	ts        *timestamps // nil unless EnableTimestamps

	err    error // sticky: a failed submit or wait (device lost) ends the device
	closed bool
}

const portabilitySubset = "VK_KHR_portability_subset"

// Open opens device index (from Devices); index < 0 picks the best one:
// discrete > integrated > virtual > other > cpu.
func Open(index int) (*Device, error) {
	return openWith(defaultLibraryNames(), index)
}

// openWith is Open with the loader names to try (tests use bogus ones).
func openWith(names []string, index int) (*Device, error) {
	in, err := newInstance(names)
	if err != nil {
		return nil, err
	}
	phys, err := in.physicalDevices()
	if err != nil {
		in.destroy()
		return nil, err
	}
	p, err := choose(phys, index)
	if err != nil {
		in.destroy()
		return nil, err
	}
	d := &Device{info: p.info, inst: in, phys: p.handle, family: uint32(p.family),
		limits: p.props.limits, mem: p.mem}
	if err := d.create(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// create makes the logical device, its queue, command pool and fence.
func (d *Device) create() error {
	if err := d.createDevice(); err != nil {
		if isOOM(err) {
			return err
		}
		return unavailable(d.info.Name, err)
	}
	if err := resolve(d.deviceProc, d.fn.entries()); err != nil {
		return unavailable(d.info.Name, err)
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	call(d.fn.getDeviceQueue, d.handle, uintptr(d.family), 0, addr(&pin, &d.queue))
	d.alloc.init(d)
	return d.rec.init(d)
}

func (d *Device) createDevice() error {
	var exts []string
	// The spec requires enabling portability_subset wherever it is offered.
	if slices.Contains(d.deviceExtensions(), portabilitySubset) {
		exts = append(exts, portabilitySubset)
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	prio := new(float32)
	*prio = 1
	q := &vkDeviceQueueCreateInfo{sType: stDeviceQueueCreateInfo, queueFamilyIndex: d.family,
		queueCount: 1, pQueuePriorities: addr(&pin, prio)}
	info := &vkDeviceCreateInfo{sType: stDeviceCreateInfo, queueCreateInfoCount: 1,
		pQueueCreateInfos: addr(&pin, q), enabledExtensionCount: uint32(len(exts)),
		ppEnabledExtensionNames: cstrs(&pin, exts)}
	r := callResult(d.inst.fn.createDevice, d.phys, addr(&pin, info), 0, addr(&pin, &d.handle))
	return check("vkCreateDevice", r)
}

func (d *Device) deviceExtensions() []string {
	fn := d.inst.fn.enumerateDeviceExtensionProperties
	return enumerateExtensions(func(count, props uintptr) int32 { return callResult(fn, d.phys, 0, count, props) })
}

func (d *Device) deviceProc(name string) uintptr {
	return procAddr(d.inst.fn.getDeviceProcAddr, d.handle, append([]byte(name), 0))
}

// Info describes the opened device.
func (d *Device) Info() DeviceInfo { return d.info }

// usable reports why the device cannot take more work, or nil.
func (d *Device) usable() error {
	if d == nil || d.closed {
		return errClosed
	}
	return d.err
}

// Close waits for the device to go idle and destroys everything it owns.
func (d *Device) Close() {
	if d == nil || d.closed {
		return
	}
	d.closed = true
	if d.handle != 0 && d.fn.deviceWaitIdle != 0 {
		call(d.fn.deviceWaitIdle, d.handle)
		for _, p := range d.pipelines {
			p.destroy()
		}
		d.pipelines = nil
		d.rec.destroy(d)
		if d.ts != nil {
			d.ts.destroy(d)
		}
		d.stage.destroy(d)
		d.alloc.destroy(d)
	}
	if d.handle != 0 && d.fn.destroyDevice != 0 {
		call(d.fn.destroyDevice, d.handle, 0)
	}
	d.handle = 0
	d.inst.destroy()
}
