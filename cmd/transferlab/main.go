// Command transferlab is the command-line twin of the TransferLab app: the
// same engine, for scripts, CI and power users. Each subcommand prints one
// JSON document on stdout with --json, progress on stderr, and exits non-zero
// with a one-line reason on failure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"transferlab/engine/session"
)

const usage = `usage:
  transferlab models [--json]                 list networks, sizes and weight status
  transferlab models fetch [--mirror URL] NAME  download official weights, verify, cache
  transferlab models import NAME FILE         verify and cache a local weights file
  transferlab predict --model NAME [--weights FILE] [--top K] [--json] IMAGE...
  transferlab train --data DIR --model NAME --case 1|2|3|4 [--cut NAME] [--weights FILE]
                    [--epochs N] [--batch N] [--lr X] [--val FRACTION] [--test FRACTION] [--seed N]
                    [--device auto|cpu|gpu] [--out DIR] [--no-augment] [--image-size N] [--json]
                    [--project FILE]          also record the run in a project file the app opens
  transferlab runs --project FILE [--json]    the training runs recorded in a project
  transferlab predict --classifier FILE [--top K] [--json] IMAGE...
  transferlab eval --classifier FILE --data DIR [--json]
  transferlab advise --data DIR --model NAME [--weights FILE] [--json]
                                              which case suits these pictures, and why
  transferlab lesson --data DIR --model NAME [--weights FILE] [--budget 30m] [--seed N]
                     [--device auto|cpu|gpu] [--out DIR] [--json]
                                              the four cases on the same pictures, compared
  transferlab suggest --data DIR --unlabelled DIR [--model NAME] [--weights FILE] [--classifier FILE] [--json]
                                              a class for each unlabelled picture, and labels to check
  transferlab devices [--json]                GPUs (Vulkan) and what --device auto uses
  transferlab export --classifier FILE --onnx OUT.onnx [--json]
                                              the classifier as an ONNX model, for other programs
  transferlab explain (--classifier FILE | --model NAME [--weights FILE]) [--class K] [--out DIR] [--json] IMAGE...
                                              heatmaps of what the network looked at (Grad-CAM)
`

// usageTail follows the command list when it was asked for.
const usageTail = `
Each command lists its flags and their defaults with -h, e.g. transferlab train -h
transferlab --version prints the version
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
	env := &cli{ctx: ctx, stdout: stdout, stderr: stderr, con: newConsole(stderr)}
	err := env.dispatch(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil // the command printed its flags
	}
	if err != nil {
		env.con.endLine() // the caller's error line must not land on a bar
	}
	return err
}

func (c *cli) dispatch(args []string) error {
	switch args[0] {
	case "models":
		return c.models(args[1:])
	case "predict":
		return c.predict(args[1:])
	case "train":
		return c.train(args[1:])
	case "runs":
		return c.runs(args[1:])
	case "eval":
		return c.eval(args[1:])
	case "advise":
		return c.advise(args[1:])
	case "devices":
		return c.devices(args[1:])
	case "export":
		return c.export(args[1:])
	case "lesson":
		return c.lesson(args[1:])
	case "explain":
		return c.explain(args[1:])
	case "suggest":
		return c.suggest(args[1:])
	case "--version", "version":
		return c.version(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(c.stdout, usage+usageTail)
		return nil
	}
	fmt.Fprint(c.stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// cli carries what every subcommand needs.
type cli struct {
	ctx            context.Context
	stdout, stderr io.Writer
	con            *console // stderr, for progress and the lines between bars
}

// session opens the engine's front door on the user's cache folder (each
// command opens its own: tests point $TRANSFERLAB_CACHE elsewhere between
// commands).
func (c *cli) session() (*session.Session, error) { return session.Open() }

// explainMissing tells command-line users how to get missing weights.
func explainMissing(err error) error {
	var missing *session.MissingWeightsError
	if errors.As(err, &missing) {
		n := missing.Network
		return fmt.Errorf("no weights for %s yet: run `transferlab models fetch %s`, or `transferlab models import %s FILE` with a downloaded file", n, n, n)
	}
	return err
}
