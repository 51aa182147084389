//go:build windows

package vulkan

import "syscall"

// openLibrary loads name with the standard DLL search order (vulkan-1.dll
// lives in System32 when a driver is installed).
func openLibrary(name string) (uintptr, error) {
	h, err := syscall.LoadLibrary(name)
	return uintptr(h), err
}

func librarySymbol(h uintptr, name string) (uintptr, error) {
	return syscall.GetProcAddress(syscall.Handle(h), name)
}

func closeLibrary(h uintptr) { _ = syscall.FreeLibrary(syscall.Handle(h)) }
