package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"transferlab/internal/shareddata"
)

// Into a log file or a pipe, a bar becomes plain lines: no carriage
// returns, a first line, at most one more per interval, and a last one.
func TestProgressIsPlainLinesWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	con := newConsole(&buf)
	bar := newProgressBar(con, "checking images")
	for i := int64(0); i <= 1000; i++ {
		bar.update(i, 1000, "images")
	}
	bar.finish()
	out := buf.String()
	if strings.Contains(out, "\r") {
		t.Fatalf("carriage returns in a log:\n%q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "checking images: 1000/1000 images (100%), done") {
		t.Errorf("want a first and a last line, got %q", lines)
	}

	buf.Reset()
	con.every = 0 // every update is due: one line each, each whole
	bar = newProgressBar(con, "epoch 1")
	bar.update(1, 3, "batches")
	bar.update(2, 3, "batches")
	if got := buf.String(); got != "epoch 1: 1/3 batches (33%)\nepoch 1: 2/3 batches (66%)\n" {
		t.Errorf("periodic lines: %q", got)
	}
}

// On a terminal the bar redraws in place, and whatever follows it (an
// error, a warning) still starts a line of its own.
func TestTerminalBarEndsBeforeAnErrorOrWarning(t *testing.T) {
	var buf bytes.Buffer
	con := &console{w: &buf, tty: true, every: time.Second}
	bar := newProgressBar(con, "predicting")
	bar.update(3, 10, "images")
	con.linef("warning: something")
	bar.update(10, 10, "images")
	con.endLine() // as run does before returning an error
	con.endLine()
	buf.WriteString("transferlab: it failed\n")
	want := "\rpredicting [#########.....................]  30% 3/10 images\nwarning: something\n" +
		"\rpredicting [##############################] 100% 10/10 images\ntransferlab: it failed\n"
	if got := buf.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// The command writes no carriage return into a captured stderr.
func TestCommandProgressIntoALogHasNoCarriageReturns(t *testing.T) {
	dir := shareddata.Path(t, "images/imagenet-samples")
	_, stderr, err := runCLI(t, "predict", "--model", "squeezenet1_1", "--weights", shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"),
		filepath.Join(dir, "dog.jpg"), filepath.Join(dir, "owl.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stderr, "\r") || !strings.Contains(stderr, "predicting: 2/2 images (100%), done") {
		t.Errorf("stderr: %q", stderr)
	}
	if isTerminal(&bytes.Buffer{}) || isTerminal(mustTemp(t)) {
		t.Error("a buffer or a file taken for a terminal")
	}
}

func mustTemp(t *testing.T) *os.File {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
