// Package device is where the work runs, in the user's words: the choice
// they make (auto, cpu or gpu), the device a backend reports back, and the
// one error every backend gives when a device runs out of memory. It
// imports nothing but the standard library, so the UI's project file and the
// Vulkan runtime can both use it.
package device
