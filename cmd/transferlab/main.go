// Command transferlab is the command-line twin of the TransferLab app: the
// same engine, for scripts, CI and power users. Each subcommand prints one
// JSON document on stdout with --json, progress on stderr, and exits non-zero
// with a one-line reason on failure.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

const usage = `usage:
  transferlab models [--json]                 list networks, sizes and weight status
  transferlab models fetch [--mirror URL] NAME  download official weights, verify, cache
  transferlab models import NAME FILE         verify and cache a local weights file
  transferlab predict --model NAME [--weights FILE] [--top K] [--json] IMAGE...
  transferlab train --data DIR --model NAME --case 1|2|3|4 [--cut NAME] [--weights FILE]
                    [--epochs N] [--batch N] [--lr X] [--val FRACTION] [--seed N]
                    [--device auto|cpu|gpu] [--out DIR] [--no-augment] [--json]
  transferlab predict --classifier FILE [--top K] [--json] IMAGE...
  transferlab eval --classifier FILE --data DIR [--json]
  transferlab devices [--json]                GPUs (Vulkan) and what --device auto uses
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "transferlab:", err)
		os.Exit(1)
	}
}

// run dispatches a subcommand; it is main without the process exit, so tests
// call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	env := &cli{ctx: ctx, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "models":
		return env.models(args[1:])
	case "predict":
		return env.predict(args[1:])
	case "train":
		return env.train(args[1:])
	case "eval":
		return env.eval(args[1:])
	case "devices":
		return env.devices(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// cli carries what every subcommand needs.
type cli struct {
	ctx            context.Context
	stdout, stderr io.Writer
}
