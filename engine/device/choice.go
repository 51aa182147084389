package device

import "fmt"

// Choice is where a job should run, as the user sets it (the command line's
// --device, the app's advanced settings, the project file).
type Choice string

const (
	// Auto is a hardware GPU when there is one, else the CPU (a software
	// Vulkan device is slower than the CPU path, so auto skips it).
	Auto Choice = "auto"
	// CPU is the CPU, always.
	CPU Choice = "cpu"
	// GPU is the best Vulkan device, software ones (lavapipe) included, or
	// an error saying why there is none.
	GPU Choice = "gpu"
)

// Parse reads a setting; "" is Auto.
func Parse(s string) (Choice, error) {
	if s == "" {
		return Auto, nil
	}
	c := Choice(s)
	return c, c.Check()
}

// Check says whether c is one of the three choices; it is the only place
// that knows them.
func (c Choice) Check() error {
	switch c {
	case Auto, CPU, GPU:
		return nil
	}
	return fmt.Errorf("device must be auto, cpu or gpu, not %q", string(c))
}
