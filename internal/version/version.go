// Package version is TransferLab's version, for `transferlab --version`,
// the app's Help › About and the release script's file names.
//
// FyneApp.toml's [Details] Version and Build are the one source of truth:
// `fyne package` reads them for the Mac app, and `go generate
// ./internal/version` copies them into number.go, so every build (go
// build, go install, go test, fyne package) knows its version without
// -ldflags. A test fails when number.go and FyneApp.toml differ.
//
// The package imports neither Fyne nor the engine, so both front ends may
// use it.
package version

import (
	"fmt"
	"runtime/debug"
)

//go:generate go run ./gen -toml ../../FyneApp.toml -o number.go

// String is the version as people read it: "0.1.0 (build 1)", with the
// commit it was built from when Go recorded one ("0.1.0 (build 1, commit
// a431cb2, modified)").
func String() string {
	s := fmt.Sprintf("%s (build %d", Number, Build)
	if rev, modified := commit(); rev != "" {
		s += ", commit " + rev
		if modified {
			s += ", modified"
		}
	}
	return s + ")"
}

// commit is the short VCS revision go build stamps into binaries built in
// a git checkout, and whether the tree had uncommitted changes; empty in
// test binaries and builds with -buildvcs=false.
func commit() (rev string, modified bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(7, len(s.Value))]
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev, modified
}
