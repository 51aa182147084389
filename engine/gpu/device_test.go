package gpu

import "testing"

// TestDeviceInfo records which device the tests ran on and that an empty
// Sync works.
func TestDeviceInfo(t *testing.T) {
	d := device(t)
	info := d.Info()
	if info.Name == "" {
		t.Error("device has no name")
	}
	t.Logf("device %d: %s (%s, driver %q, software %v)", info.Index, info.Name, info.Type, info.Driver, info.Software())
	if err := d.Sync(); err != nil {
		t.Fatal(err)
	}
}
