//go:build !windows

package vulkan

import "github.com/ebitengine/purego"

// openLibrary dlopens name. RTLD_LOCAL keeps the loader's symbols out of
// the global namespace, so two loaders never clash.
func openLibrary(name string) (uintptr, error) {
	return purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_LOCAL)
}

func librarySymbol(h uintptr, name string) (uintptr, error) {
	return purego.Dlsym(h, name)
}

func closeLibrary(h uintptr) { _ = purego.Dlclose(h) }
