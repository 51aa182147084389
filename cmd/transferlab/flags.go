package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags makes a subcommand's flag set that reports errors instead of
// exiting, so a bad flag gets the same one-line treatment as any error.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags that may appear before, between or after the
// positional arguments, which it returns in order. For -h or --help it
// prints the command's flags and returns flag.ErrHelp, which run turns into
// a successful exit.
func (c *cli) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printFlags(c.stdout, fs)
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// printFlags lists every flag of fs with its default: a flag whose zero
// value means "the engine chooses" says what it chooses in its usage text.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: transferlab %s [flags]\n", fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s\n      %s", strings.TrimSpace(f.Name+" "+kind), usage)
		if !strings.Contains(usage, "(default") && f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// noArgs is the error for positional arguments a command does not take.
func noArgs(rest []string) error {
	if len(rest) > 0 {
		return fmt.Errorf("unexpected argument %q", rest)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
