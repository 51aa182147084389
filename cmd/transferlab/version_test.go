package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"transferlab/internal/version"
)

func TestVersionPrintsFyneAppTomlsVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{arg}, &out, &errOut); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if got, want := out.String(), "transferlab "+version.Number+" (build "; !strings.HasPrefix(got, want) {
			t.Errorf("%s printed %q, want it to start with %q", arg, got, want)
		}
	}
	if err := run(context.Background(), []string{"--version", "x"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("--version x: no error")
	}
}
