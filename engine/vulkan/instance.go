package vulkan

import (
	"fmt"
	"runtime"
	"slices"
)

// instance is a VkInstance with the instance-level functions this package
// calls, and the loader it came from.
type instance struct {
	lib     *library
	handle  uintptr
	version uint32 // effective instance API version: min(loader, 1.2)
	fn      instanceFuncs
}

type instanceFuncs struct {
	destroyInstance, enumeratePhysicalDevices uintptr
	getPhysicalDeviceProperties               uintptr
	getPhysicalDeviceProperties2              uintptr // core 1.1; optional
	getPhysicalDeviceQueueFamilyProperties    uintptr
	getPhysicalDeviceMemoryProperties         uintptr
	createDevice, getDeviceProcAddr           uintptr
	enumerateDeviceExtensionProperties        uintptr
}

func (f *instanceFuncs) entries() []fnEntry {
	return []fnEntry{
		{"vkDestroyInstance", &f.destroyInstance, false},
		{"vkEnumeratePhysicalDevices", &f.enumeratePhysicalDevices, false},
		{"vkGetPhysicalDeviceProperties", &f.getPhysicalDeviceProperties, false},
		{"vkGetPhysicalDeviceProperties2", &f.getPhysicalDeviceProperties2, true},
		{"vkGetPhysicalDeviceQueueFamilyProperties", &f.getPhysicalDeviceQueueFamilyProperties, false},
		{"vkGetPhysicalDeviceMemoryProperties", &f.getPhysicalDeviceMemoryProperties, false},
		{"vkCreateDevice", &f.createDevice, false},
		{"vkGetDeviceProcAddr", &f.getDeviceProcAddr, false},
		{"vkEnumerateDeviceExtensionProperties", &f.enumerateDeviceExtensionProperties, false},
	}
}

const portabilityEnumeration = "VK_KHR_portability_enumeration"

// newInstance loads the first usable loader in names and creates an
// instance. Every failure wraps ErrUnavailable.
func newInstance(names []string) (*instance, error) {
	lib, err := loadLibrary(names)
	if err != nil {
		return nil, err
	}
	in := &instance{lib: lib}
	if err := in.create(); err != nil {
		in.destroy()
		return nil, unavailable(lib.name, err)
	}
	return in, nil
}

func (in *instance) create() error {
	createInstance := in.lib.proc(0, "vkCreateInstance")
	if createInstance == 0 {
		return fmt.Errorf("vkCreateInstance missing")
	}
	in.version = loaderVersion(in.lib)
	var exts []string
	var flags uint32
	// MoltenVK is a "portability" driver: the loader hides it unless we
	// opt in with this extension and flag.
	if slices.Contains(instanceExtensions(in.lib), portabilityEnumeration) {
		exts = append(exts, portabilityEnumeration)
		flags |= instanceEnumeratePortability
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	app := &vkApplicationInfo{sType: stApplicationInfo, pApplicationName: cstr(&pin, "transferlab"),
		pEngineName: cstr(&pin, "transferlab"), apiVersion: in.version}
	info := &vkInstanceCreateInfo{sType: stInstanceCreateInfo, flags: flags, pApplicationInfo: addr(&pin, app),
		enabledExtensionCount: uint32(len(exts)), ppEnabledExtensionNames: cstrs(&pin, exts)}
	if err := check("vkCreateInstance", callResult(createInstance, addr(&pin, info), 0, addr(&pin, &in.handle))); err != nil {
		return err
	}
	return resolve(func(name string) uintptr { return in.lib.proc(in.handle, name) }, in.fn.entries())
}

// loaderVersion is the instance version to ask for: a 1.0 loader rejects
// anything but 1.0; newer ones accept 1.2 and clamp to what they have.
func loaderVersion(lib *library) uint32 {
	fn := lib.proc(0, "vkEnumerateInstanceVersion")
	if fn == 0 {
		return vkAPI10
	}
	var pin runtime.Pinner
	defer pin.Unpin()
	v := new(uint32)
	if callResult(fn, addr(&pin, v)) != vkSuccess || *v < vkAPI11 {
		return vkAPI10
	}
	return min(*v, vkAPI12)
}

// instanceExtensions lists the loader's instance extensions (nil on error:
// they are only ever optional here).
func instanceExtensions(lib *library) []string {
	fn := lib.proc(0, "vkEnumerateInstanceExtensionProperties")
	if fn == 0 {
		return nil
	}
	return enumerateExtensions(func(count, props uintptr) int32 { return callResult(fn, 0, count, props) })
}

// enumerateExtensions runs the usual two-call enumeration of
// VkExtensionProperties and returns the names.
func enumerateExtensions(get func(count, props uintptr) int32) []string {
	var pin runtime.Pinner
	defer pin.Unpin()
	n := new(uint32)
	if get(addr(&pin, n), 0) != vkSuccess || *n == 0 {
		return nil
	}
	props := make([]vkExtensionProperties, *n)
	if get(addr(&pin, n), sliceAddr(&pin, props)) < 0 {
		return nil
	}
	names := make([]string, 0, *n)
	for _, p := range props[:min(int(*n), len(props))] {
		names = append(names, gostr(p.extensionName[:]))
	}
	return names
}

func (in *instance) destroy() {
	if in == nil {
		return
	}
	if in.handle != 0 && in.fn.destroyInstance != 0 {
		call(in.fn.destroyInstance, in.handle, 0)
	}
	in.handle = 0
	in.lib.close()
}
