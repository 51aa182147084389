package main

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteMakesAPNGOfTheRequestedSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "icon.png")
	if err := write(path, 64); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if cfg.Width != 64 || cfg.Height != 64 {
		t.Errorf("size %dx%d, want 64x64", cfg.Width, cfg.Height)
	}
	if err := write(filepath.Join(t.TempDir(), "missing", "icon.png"), 8); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
