package main

import (
	"fmt"
	"strings"
)

// export is `transferlab export --classifier FILE --onnx OUT.onnx`.
func (c *cli) export(args []string) error {
	fs := newFlags("export")
	file := fs.String("classifier", "", "classifier file written by train")
	out := fs.String("onnx", "", "ONNX model file to write")
	asJSON := fs.Bool("json", false, "print JSON")
	rest, err := c.parse(fs, args)
	if err = firstErr(err, noArgs(rest)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *file == "" || *out == "" {
		return fmt.Errorf("export: --classifier and --onnx are required")
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	e, err := s.ExportONNX(*file, *out)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *asJSON {
		return writeJSON(c.stdout, e)
	}
	fmt.Fprintf(c.stdout, "wrote %s (%.1f MB, ONNX opset %d): %s case %d\n", e.File, float64(e.Bytes)/1e6, e.Opset, e.Network, e.Case)
	fmt.Fprintf(c.stdout, "input  %q float32 (N, 3, %d, %d): resize %d, centre-crop %d, mean %v, std %v\n",
		e.Input, e.Crop, e.Crop, e.Resize, e.Crop, e.Mean, e.Std)
	fmt.Fprintf(c.stdout, "output %q (N, %d) probabilities of %s\n", e.Output, len(e.Classes), strings.Join(e.Classes, ", "))
	return nil
}
