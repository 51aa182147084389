package vulkan

import (
	"fmt"
	"runtime"
)

// physical is one enumerated physical device with what Open needs from it.
type physical struct {
	handle uintptr
	info   DeviceInfo
	props  *vkPhysicalDeviceProperties
	mem    *vkPhysicalDeviceMemoryProperties
	family int // first queue family with compute, -1 when none
}

// typeNames maps VkPhysicalDeviceType to DeviceInfo.Type.
var typeNames = map[uint32]string{
	physOther: "other", physIntegrated: "integrated", physDiscrete: "discrete",
	physVirtual: "virtual", physCPU: "cpu",
}

// Devices lists the physical devices that have a compute queue.
func Devices() ([]DeviceInfo, error) {
	return devicesWith(defaultLibraryNames())
}

func devicesWith(names []string) ([]DeviceInfo, error) {
	in, err := newInstance(names)
	if err != nil {
		return nil, err
	}
	defer in.destroy()
	phys, err := in.physicalDevices()
	if err != nil {
		return nil, err
	}
	infos := []DeviceInfo{}
	for _, p := range phys {
		if p.family >= 0 {
			infos = append(infos, p.info)
		}
	}
	return infos, nil
}

// physicalDevices enumerates and describes every physical device.
func (in *instance) physicalDevices() ([]physical, error) {
	var pin runtime.Pinner
	defer pin.Unpin()
	n := new(uint32)
	r := callResult(in.fn.enumeratePhysicalDevices, in.handle, addr(&pin, n), 0)
	if err := check("vkEnumeratePhysicalDevices", r); err != nil {
		return nil, unavailable(in.lib.name, err)
	}
	handles := make([]uintptr, *n)
	if *n > 0 {
		r = callResult(in.fn.enumeratePhysicalDevices, in.handle, addr(&pin, n), sliceAddr(&pin, handles))
		if err := check("vkEnumeratePhysicalDevices", r); err != nil {
			return nil, unavailable(in.lib.name, err)
		}
	}
	phys := make([]physical, 0, *n)
	for i, h := range handles[:min(int(*n), len(handles))] {
		phys = append(phys, in.describe(i, h))
	}
	return phys, nil
}

// describe reads properties, memory heaps and queue families of one device.
func (in *instance) describe(index int, h uintptr) physical {
	var pin runtime.Pinner
	defer pin.Unpin()
	p := physical{handle: h, props: new(vkPhysicalDeviceProperties), mem: new(vkPhysicalDeviceMemoryProperties)}
	call(in.fn.getPhysicalDeviceProperties, h, addr(&pin, p.props))
	call(in.fn.getPhysicalDeviceMemoryProperties, h, addr(&pin, p.mem))
	p.family = in.computeFamily(h)
	typ, ok := typeNames[p.props.deviceType]
	if !ok {
		typ = "other"
	}
	p.info = DeviceInfo{
		Index:       index,
		Name:        gostr(p.props.deviceName[:]),
		Type:        typ,
		MemoryBytes: largestDeviceHeap(p.mem),
		Driver:      in.driverName(h, p.props.apiVersion),
	}
	return p
}

// computeFamily returns the first queue family that supports compute (any
// such family also supports transfers), or -1.
func (in *instance) computeFamily(h uintptr) int {
	var pin runtime.Pinner
	defer pin.Unpin()
	n := new(uint32)
	call(in.fn.getPhysicalDeviceQueueFamilyProperties, h, addr(&pin, n), 0)
	if *n == 0 {
		return -1
	}
	fams := make([]vkQueueFamilyProperties, *n)
	call(in.fn.getPhysicalDeviceQueueFamilyProperties, h, addr(&pin, n), sliceAddr(&pin, fams))
	for i, f := range fams[:min(int(*n), len(fams))] {
		if f.queueFlags&queueCompute != 0 && f.queueCount > 0 {
			return i
		}
	}
	return -1
}

func largestDeviceHeap(m *vkPhysicalDeviceMemoryProperties) uint64 {
	var best uint64
	for _, h := range m.memoryHeaps[:min(int(m.memoryHeapCount), len(m.memoryHeaps))] {
		if h.flags&heapDeviceLocal != 0 {
			best = max(best, h.size)
		}
	}
	return best
}

// driverName asks VkPhysicalDeviceDriverProperties, which is core only in
// Vulkan 1.2 and needs vkGetPhysicalDeviceProperties2 (1.1); else "".
func (in *instance) driverName(h uintptr, deviceVersion uint32) string {
	if in.fn.getPhysicalDeviceProperties2 == 0 || in.version < vkAPI11 || deviceVersion < vkAPI12 {
		return ""
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	drv := &vkPhysicalDeviceDriverProperties{sType: stPhysicalDeviceDriverProps}
	props := &vkPhysicalDeviceProperties2{sType: stPhysicalDeviceProperties2, pNext: addr(&pin, drv)}
	call(in.fn.getPhysicalDeviceProperties2, h, addr(&pin, props))
	return gostr(drv.driverName[:])
}

// choose picks the device Open(index) means: the one with that Index, or
// for index < 0 the best ranked (DeviceInfo.Rank; ties go to the lower index).
func choose(phys []physical, index int) (*physical, error) {
	var best *physical
	for i := range phys {
		p := &phys[i]
		if p.family < 0 {
			continue
		}
		if index >= 0 {
			if p.info.Index == index {
				return p, nil
			}
			continue
		}
		if best == nil || p.info.Rank() > best.info.Rank() {
			best = p
		}
	}
	if index >= 0 {
		return nil, fmt.Errorf("%w: no device %d with a compute queue (%d devices)", ErrUnavailable, index, len(phys))
	}
	if best == nil {
		return nil, fmt.Errorf("%w: no device with a compute queue (%d devices)", ErrUnavailable, len(phys))
	}
	return best, nil
}
