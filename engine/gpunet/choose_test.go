package gpunet

import (
	"testing"

	"transferlab/engine/device"
)

// The CPU needs no Vulkan, and a choice that is none of the three is
// refused with the one message device.Choice gives.
func TestChooseCPUAndRefuseOthers(t *testing.T) {
	be, err := Choose(device.CPU)
	if err != nil {
		t.Fatal(err)
	}
	defer be.Close()
	if info := be.Device(); info.GPU != "" || info.Note != "" {
		t.Errorf("cpu chose %+v", info)
	}
	if _, err := Choose("tpu"); err == nil || err.Error() != `device must be auto, cpu or gpu, not "tpu"` {
		t.Errorf("Choose(tpu): %v", err)
	}
}
