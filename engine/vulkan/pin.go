package vulkan

import (
	"runtime"
	"unsafe"

	"github.com/ebitengine/purego"
)

// Every Go value whose address is handed to Vulkan is pinned first. Pinning
// moves it to the heap (Pin escapes its argument), keeps the collector from
// freeing or moving it, and makes it legal for C to read Go memory that
// holds pointers to other pinned Go memory (the cgo pointer rules allow
// pointers to pinned memory). Callers unpin once the C call has returned.

// addr pins v and returns its address for a C call.
func addr[T any](p *runtime.Pinner, v *T) uintptr {
	p.Pin(v)
	return uintptr(unsafe.Pointer(v))
}

// sliceAddr pins the backing array of s and returns its address, or 0 for
// an empty slice (Vulkan takes NULL with a zero count).
func sliceAddr[T any](p *runtime.Pinner, s []T) uintptr {
	if len(s) == 0 {
		return 0
	}
	return addr(p, &s[0])
}

// cstr returns a pinned NUL-terminated copy of s.
func cstr(p *runtime.Pinner, s string) uintptr {
	b := make([]byte, len(s)+1)
	copy(b, s)
	return sliceAddr(p, b)
}

// cstrs returns a pinned array of pinned C strings (char**), or 0.
func cstrs(p *runtime.Pinner, ss []string) uintptr {
	if len(ss) == 0 {
		return 0
	}
	ptrs := make([]uintptr, len(ss))
	for i, s := range ss {
		ptrs[i] = cstr(p, s)
	}
	return sliceAddr(p, ptrs)
}

// gostr converts a fixed-size C char array to a Go string.
func gostr(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// call invokes a Vulkan function pointer. The arguments are plain integers:
// any Go memory they refer to must have been pinned with addr/sliceAddr.
func call(fn uintptr, args ...uintptr) uintptr {
	r, _, _ := purego.SyscallN(fn, args...)
	return r
}

// callResult invokes a Vulkan function that returns VkResult.
func callResult(fn uintptr, args ...uintptr) int32 {
	return int32(call(fn, args...))
}
