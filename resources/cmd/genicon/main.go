// Command genicon writes resources/icon.png from package icondraw.
// Run it with `go generate ./resources` after changing the drawing.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"

	"transferlab/resources/icondraw"
)

func main() {
	out := flag.String("o", "icon.png", "output PNG file")
	size := flag.Int("size", 512, "icon size in pixels")
	flag.Parse()
	if err := write(*out, *size); err != nil {
		fmt.Fprintln(os.Stderr, "genicon:", err)
		os.Exit(1)
	}
}

func write(path string, size int) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, icondraw.Draw(size)); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
