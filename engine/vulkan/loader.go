package vulkan

import (
	"fmt"
	"runtime"
	"strings"
)

// library is one loaded Vulkan loader (or ICD such as MoltenVK). Each Device
// holds its own, so the package keeps no mutable state; the OS reference-
// counts the underlying handle.
type library struct {
	name                string
	handle              uintptr
	getInstanceProcAddr uintptr
}

// defaultLibraryNames is the loader search order for this OS.
func defaultLibraryNames() []string {
	switch runtime.GOOS {
	case "windows":
		return []string{"vulkan-1.dll"}
	case "darwin", "ios":
		return []string{"libvulkan.1.dylib", "libvulkan.dylib", "libMoltenVK.dylib"}
	default:
		return []string{"libvulkan.so.1", "libvulkan.so"}
	}
}

// loadLibrary opens the first loader in names that exports
// vkGetInstanceProcAddr. Failure wraps ErrUnavailable.
func loadLibrary(names []string) (*library, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: no loader library names to try", ErrUnavailable)
	}
	for _, name := range names {
		h, err := openLibrary(name)
		if err != nil {
			continue
		}
		sym, err := librarySymbol(h, "vkGetInstanceProcAddr")
		if err != nil || sym == 0 {
			closeLibrary(h)
			continue
		}
		return &library{name: name, handle: h, getInstanceProcAddr: sym}, nil
	}
	return nil, fmt.Errorf("%w: %s not found", ErrUnavailable, strings.Join(names, ", "))
}

func (l *library) close() {
	if l != nil && l.handle != 0 {
		closeLibrary(l.handle)
		l.handle = 0
	}
}

// proc resolves a function through vkGetInstanceProcAddr; instance 0 gives
// the global functions (vkCreateInstance and friends).
func (l *library) proc(instance uintptr, name string) uintptr {
	b := append([]byte(name), 0)
	return procAddr(l.getInstanceProcAddr, instance, b)
}

// procAddr calls a vkGet*ProcAddr-style function with a NUL-terminated name.
func procAddr(getter, handle uintptr, name []byte) uintptr {
	var pin runtime.Pinner
	defer pin.Unpin()
	return call(getter, handle, sliceAddr(&pin, name))
}

// fnEntry names one Vulkan function and where to store its pointer.
type fnEntry struct {
	name     string
	dst      *uintptr
	optional bool
}

// resolve fills every entry through get; a missing required function is an
// error naming it (a loader or driver too old for this package).
func resolve(get func(name string) uintptr, entries []fnEntry) error {
	for _, e := range entries {
		*e.dst = get(e.name)
		if *e.dst == 0 && !e.optional {
			return fmt.Errorf("%s missing", e.name)
		}
	}
	return nil
}
