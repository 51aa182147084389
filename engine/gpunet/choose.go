package gpunet

import (
	"fmt"

	"transferlab/engine/backend"
	"transferlab/engine/cpunet"
	"transferlab/engine/device"
	"transferlab/engine/vulkan"
)

// Choose opens the backend a device choice asks for (see device.Choice):
// the CPU, the best Vulkan device, or for auto the best hardware GPU and
// else the CPU with a one-line note saying why (the zero Choice is auto).
// The caller closes it.
func Choose(c device.Choice) (backend.Backend, error) {
	if c == "" {
		c = device.Auto
	}
	switch c {
	case device.CPU:
		return cpunet.New(""), nil
	case device.GPU:
		return Open(-1)
	case device.Auto:
		idx, why := hardwareGPU()
		if idx < 0 {
			return cpunet.New(why + "; training on the CPU"), nil
		}
		d, err := Open(idx)
		if err != nil {
			return cpunet.New(fmt.Sprintf("%v; training on the CPU", err)), nil
		}
		return d, nil
	}
	return nil, c.Check()
}

// hardwareGPU returns the index of the best ranked non-software Vulkan
// device, or -1 and why there is none.
func hardwareGPU() (int, string) {
	devs, err := vulkan.Devices()
	if err != nil {
		return -1, err.Error()
	}
	best, rank := -1, 0
	for _, d := range devs {
		if r := d.Rank(); !d.Software() && r > rank {
			best, rank = d.Index, r
		}
	}
	if best < 0 {
		return -1, "no GPU found, only a software Vulkan driver"
	}
	return best, ""
}

// Survey lists the Vulkan devices and says what "auto" would use, without
// opening any of them (for `transferlab devices` and the app's settings).
type Survey struct {
	Devices []vulkan.DeviceInfo `json:"devices"`
	// Auto is what "auto" would name: "GPU: …" or "CPU (n cores)".
	Auto string `json:"auto"`
	// Why says why auto uses the CPU ("" when it uses a GPU).
	Why string `json:"why,omitempty"`
}

// Look surveys the machine.
func Look() Survey {
	devs, _ := vulkan.Devices() // hardwareGPU reports the same error as the reason
	s := Survey{Devices: devs}
	idx, why := hardwareGPU()
	for _, d := range devs {
		if d.Index == idx {
			s.Auto = device.Info{GPU: d.Name}.String()
			return s
		}
	}
	s.Auto, s.Why = device.Info{}.String(), why
	return s
}
