// Package fyneapp reads the [Details] table of FyneApp.toml, the metadata
// `fyne package` builds the app from, for the version generator and its
// test. It reads only what the file holds: `key = "string"` and
// `key = number` lines, which is all [Details] uses.
package fyneapp

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Details is FyneApp.toml's [Details] table.
type Details struct {
	Icon, Name, ID, Version string
	Build                   int
}

// Read parses path's [Details] table and checks that it has everything
// `fyne package` needs: ID, name, icon, a version and a build number.
func Read(path string) (Details, error) {
	f, err := os.Open(path)
	if err != nil {
		return Details{}, err
	}
	defer f.Close()
	var d Details
	table := ""
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if strings.HasPrefix(text, "[") {
			table = strings.Trim(text, "[]")
			continue
		}
		if table != "Details" {
			continue
		}
		if err := d.set(text); err != nil {
			return Details{}, fmt.Errorf("%s line %d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return Details{}, err
	}
	if d.Icon == "" || d.Name == "" || d.ID == "" || d.Version == "" || d.Build < 1 {
		return Details{}, fmt.Errorf("%s: [Details] needs Icon, Name, ID, Version and a Build of 1 or more", path)
	}
	return d, nil
}

// set stores one `key = value` line.
func (d *Details) set(line string) error {
	key, value, ok := strings.Cut(line, "=")
	if !ok {
		return fmt.Errorf("%q is not key = value", line)
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if key == "Build" {
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("Build %q is not a whole number", value)
		}
		d.Build = n
		return nil
	}
	s, err := strconv.Unquote(value)
	if err != nil {
		return fmt.Errorf("%s %s is not a quoted string", key, value)
	}
	switch key {
	case "Icon":
		d.Icon = s
	case "Name":
		d.Name = s
	case "ID":
		d.ID = s
	case "Version":
		d.Version = s
	}
	return nil
}
