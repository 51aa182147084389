package vulkan

import (
	"encoding/binary"
	"math"
	"os"
	"testing"
)

// To run these tests under the Khronos validation layer with
// synchronization checks (apt-get install vulkan-validationlayers), which
// catches missing barriers that lavapipe's serial execution hides:
//
//	printf '%s\n' 'khronos_validation.report_flags = error,warn,perf' \
//	  'khronos_validation.enables = VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT,VK_VALIDATION_FEATURE_ENABLE_BEST_PRACTICES_EXT' \
//	  > /tmp/vk_layer_settings.txt
//	VK_LAYER_SETTINGS_PATH=/tmp/vk_layer_settings.txt VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation \
//	  go test -count=1 -v ./engine/vulkan/ | grep -i -A3 'validation\|hazard'
//
// A clean run prints nothing from the layer.

// openTest opens the best device or fails the test with the reason.
// TRANSFERLAB_NO_VULKAN=1 turns that failure into a skip, for developer
// machines without Vulkan; CI installs lavapipe and never sets it.
func openTest(t testing.TB) *Device {
	t.Helper()
	d, err := Open(-1)
	if err != nil {
		if os.Getenv("TRANSFERLAB_NO_VULKAN") == "1" {
			t.Skipf("TRANSFERLAB_NO_VULKAN=1: %v", err)
		}
		t.Fatalf("Open(-1): %v (install mesa-vulkan-drivers libvulkan1, or set TRANSFERLAB_NO_VULKAN=1)", err)
	}
	t.Cleanup(d.Close)
	t.Logf("device: %+v", d.Info())
	return d
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func alloc(t testing.TB, d *Device, n int) *Buffer {
	t.Helper()
	b, err := d.Alloc(n)
	must(t, err)
	return b
}

func floatBytes(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

func bytesFloat(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

// pattern is n distinct bytes that depend on seed, so a read from the
// wrong offset or buffer cannot pass by chance.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) ^ seed + byte(i>>8)
	}
	return b
}
