package version

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"transferlab/internal/version/fyneapp"
)

// FyneApp.toml is the one source of truth: a version bumped there without
// go generate ./internal/version fails here.
func TestNumberIsFyneAppToml(t *testing.T) {
	d, err := fyneapp.Read("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != Number || d.Build != Build {
		t.Errorf("FyneApp.toml says %s build %d, number.go %s build %d: run go generate ./internal/version",
			d.Version, d.Build, Number, Build)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(Number) {
		t.Errorf("version %q is not major.minor.patch, which fyne package and Windows' version resource need", Number)
	}
	if _, err := os.Stat(filepath.Join("../..", d.Icon)); err != nil {
		t.Errorf("FyneApp.toml's icon: %v", err)
	}
}

func TestStringStartsWithTheNumber(t *testing.T) {
	if got, want := String(), Number+" (build "; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("String() = %q, want it to start with %q", got, want)
	}
}
