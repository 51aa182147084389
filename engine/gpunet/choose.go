package gpunet

import (
	"fmt"
	"runtime"

	"transferlab/engine/gpu"
	"transferlab/engine/vulkan"
)

// Choice is where a job runs: Dev is nil for the CPU.
type Choice struct {
	Dev *gpu.Device
	// Name is what the user reads, e.g. "GPU: NVIDIA H200" or "CPU (8 cores)".
	Name string
	// Note says, in one line, why a GPU was asked for but not used ("" when
	// nothing needs saying).
	Note string
}

// Close releases the device, if any.
func (c Choice) Close() {
	if c.Dev != nil {
		c.Dev.Close()
	}
}

// Choose opens the compute device a setting asks for:
//
//   - "cpu": the CPU;
//   - "gpu": the best Vulkan device, software ones (lavapipe) included, or an
//     error saying why there is none;
//   - "auto" or "": the best hardware GPU, else the CPU with a one-line note
//     (a software Vulkan device is slower than the CPU path, so auto skips it).
func Choose(setting string) (Choice, error) {
	cpu := Choice{Name: fmt.Sprintf("CPU (%d cores)", runtime.NumCPU())}
	switch setting {
	case "cpu":
		return cpu, nil
	case "gpu":
		return open(-1)
	case "auto", "":
		idx, why := hardwareGPU()
		if idx < 0 {
			cpu.Note = why + "; training on the CPU"
			return cpu, nil
		}
		c, err := open(idx)
		if err != nil {
			cpu.Note = fmt.Sprintf("%v; training on the CPU", err)
			return cpu, nil
		}
		return c, nil
	}
	return Choice{}, fmt.Errorf("device must be auto, cpu or gpu, not %q", setting)
}

// hardwareGPU returns the index of the best non-software Vulkan device, or
// -1 and why there is none.
func hardwareGPU() (int, string) {
	devs, err := vulkan.Devices()
	if err != nil {
		return -1, err.Error()
	}
	best, rank := -1, 0
	for _, d := range devs {
		if r := typeRank(d.Type); !d.Software() && r > rank {
			best, rank = d.Index, r
		}
	}
	if best < 0 {
		return -1, "no GPU found, only a software Vulkan driver"
	}
	return best, ""
}

func typeRank(t string) int {
	switch t {
	case "discrete":
		return 4
	case "integrated":
		return 3
	case "virtual":
		return 2
	}
	return 1
}

func open(index int) (Choice, error) {
	dev, err := gpu.Open(index)
	if err != nil {
		return Choice{}, err
	}
	return Choice{Dev: dev, Name: "GPU: " + dev.Info().Name}, nil
}

// Survey lists the Vulkan devices and says what "auto" would use, without
// opening any of them (for `transferlab devices` and the app's settings).
type Survey struct {
	Devices []vulkan.DeviceInfo `json:"devices"`
	// Auto is the Name "auto" would get: "GPU: …" or "CPU (n cores)".
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
			s.Auto = "GPU: " + d.Name
			return s
		}
	}
	s.Auto, s.Why = fmt.Sprintf("CPU (%d cores)", runtime.NumCPU()), why
	return s
}
