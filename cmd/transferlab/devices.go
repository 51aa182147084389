package main

import (
	"fmt"

	"transferlab/engine/gpunet"
)

// devices lists the Vulkan devices and what --device auto would use.
func (c *cli) devices(args []string) error {
	fs := newFlags("devices")
	asJSON := fs.Bool("json", false, "print the list as JSON")
	if rest, err := parse(fs, args); err != nil || len(rest) > 0 {
		return fmt.Errorf("devices: %v", firstErr(err, fmt.Errorf("unexpected argument %q", rest)))
	}
	s := gpunet.Look()
	if *asJSON {
		return writeJSON(c.stdout, s)
	}
	for _, d := range s.Devices {
		fmt.Fprintf(c.stdout, "%d  %-40s %-10s %6.1f GiB\n", d.Index, d.Name, d.Type, float64(d.MemoryBytes)/(1<<30))
	}
	fmt.Fprintf(c.stdout, "--device auto uses %s", s.Auto)
	if s.Why != "" {
		fmt.Fprintf(c.stdout, ": %s", s.Why)
	}
	fmt.Fprintln(c.stdout)
	return nil
}
