package main

import "fmt"

// devices lists the Vulkan devices and what --device auto would use.
func (c *cli) devices(args []string) error {
	fs := newFlags("devices")
	asJSON := fs.Bool("json", false, "print the list as JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("devices: %w", err)
	}
	eng, err := c.session()
	if err != nil {
		return err
	}
	s := eng.Devices()
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
