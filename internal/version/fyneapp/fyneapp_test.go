package fyneapp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadsDetailsOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "FyneApp.toml")
	src := "Website = \"x\"\n\n[Details]\nIcon = \"a.png\"\nName = \"TransferLab\"\nID = \"org.example\"\nVersion = \"1.2.3\"\nBuild = 7\n\n[Migrations]\nVersion = \"9.9.9\"\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Details{Icon: "a.png", Name: "TransferLab", ID: "org.example", Version: "1.2.3", Build: 7}); d != want {
		t.Errorf("got %+v, want %+v", d, want)
	}
}

func TestRefusesIncompleteOrBrokenDetails(t *testing.T) {
	for src, want := range map[string]string{
		"[Details]\nName = \"T\"\nID = \"o\"\nVersion = \"1.0.0\"\nBuild = 1\n":                 "needs Icon",
		"[Details]\nIcon = \"a\"\nName = \"T\"\nID = \"o\"\nVersion = \"1.0.0\"\nBuild = one\n": "not a whole number",
		"[Details]\nIcon = a.png\n": "not a quoted string",
	} {
		path := filepath.Join(t.TempDir(), "FyneApp.toml")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one saying %q", src, err, want)
		}
	}
}
