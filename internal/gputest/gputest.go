// Package gputest opens the Vulkan device that tests above engine/gpu run
// on: Mesa's software driver (lavapipe) in CI, a real GPU where there is one.
package gputest

import (
	"os"
	"testing"

	"transferlab/engine/gpu"
)

// NoVulkanEnv, set to 1, turns the GPU tests into skips on a machine that
// cannot have Vulkan; without it a missing driver fails them.
const NoVulkanEnv = "TRANSFERLAB_NO_VULKAN"

// Open opens the best Vulkan device for one test and closes it after.
// Without one the test fails with the reason and what to install.
func Open(t testing.TB) *gpu.Device {
	t.Helper()
	if os.Getenv(NoVulkanEnv) == "1" {
		t.Skipf("%s=1: Vulkan tests disabled", NoVulkanEnv)
	}
	dev, err := gpu.Open(-1)
	if err != nil {
		t.Fatalf("%v (install mesa-vulkan-drivers, or set %s=1 on a machine without Vulkan)", err, NoVulkanEnv)
	}
	t.Cleanup(dev.Close)
	return dev
}

// Require is Open for tests that drive the GPU through the engine (the
// command line, the app): it checks there is a device and closes it.
func Require(t testing.TB) {
	t.Helper()
	Open(t).Close()
}
