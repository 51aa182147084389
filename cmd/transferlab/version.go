package main

import (
	"fmt"

	"transferlab/internal/version"
)

// version prints "transferlab 0.1.0 (build 1, commit …)": the version in
// FyneApp.toml, which the app's Help › About shows too.
func (c *cli) version(args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("--version takes no arguments, got %q", args[0])
	}
	fmt.Fprintln(c.stdout, "transferlab", version.String())
	return nil
}
