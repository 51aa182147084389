// Package vulkan is a small Vulkan compute runtime, loaded at run time with
// purego (no cgo, no Vulkan SDK at build time): it finds a device, allocates
// storage buffers, builds compute pipelines from SPIR-V and records
// dispatches into command buffers that run when the caller syncs.
//
// A machine without a Vulkan loader or without a usable device gets an
// error that says why in one line (ErrUnavailable); nothing panics.
// Out-of-memory on the device is ErrOutOfMemory.
package vulkan
