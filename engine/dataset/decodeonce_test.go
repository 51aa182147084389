package dataset

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"transferlab/engine/imageprep"
	"transferlab/internal/shareddata"
)

// The scan reads each picture once: it checks the header (a truncated
// picture passes; its pixels are checked where they are decoded) and keeps
// the content hash of the bytes it read, the one ContentHash gives.
func TestScanChecksHeadersAndKeepsHashes(t *testing.T) {
	src := shareddata.Path(t, "datasets/catsdogs-60")
	root := t.TempDir()
	for _, p := range []string{"cat/cat-01.jpg", "cat/cat-02.jpg", "dog/dog-01.jpg", "dog/dog-02.jpg"} {
		writeImage(t, filepath.Join(src, p), filepath.Join(root, p))
	}
	raw, err := os.ReadFile(filepath.Join(src, "dog", "dog-03.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(root, "dog", "cut.jpg")
	if err := os.WriteFile(cut, raw[:len(raw)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Scan(context.Background(), root, Options{ValFraction: 0.3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	items := append(append([]Item(nil), d.Train...), d.Val...)
	if len(items) != 5 || len(d.Skipped) != 0 || len(d.Hashes) != 5 {
		t.Fatalf("%d pictures, %d hashes, skipped %v; want 5, 5, none", len(items), len(d.Hashes), d.Skipped)
	}
	for _, it := range items {
		want, err := imageprep.ContentHash(it.Path)
		if err != nil || d.Hashes[it.Path] != want {
			t.Errorf("%s: hash %q, want %q (%v)", it.Path, d.Hashes[it.Path], want, err)
		}
	}
}

// LeaveOut drops the pictures found undecodable later, lists them in
// Skipped, and refuses what a scan would refuse.
func TestLeaveOut(t *testing.T) {
	d := &Dataset{
		Classes: []string{"cat", "dog"},
		Train:   []Item{{"c1", 0}, {"c2", 0}, {"c3", 0}, {"d1", 1}, {"d2", 1}},
		Val:     []Item{{"c4", 0}, {"d3", 1}},
		Skipped: []Skipped{{"notes.txt", "not an image"}},
	}
	bad := []Skipped{{"c2", "truncated"}, {"d3", "truncated"}}
	got, err := d.LeaveOut(bad)
	if err != nil {
		t.Fatal(err)
	}
	train, val := got.Counts()
	if train[0] != 2 || train[1] != 2 || val[0] != 1 || val[1] != 0 || len(got.Skipped) != 3 || got.Skipped[2].Path != "d3" {
		t.Errorf("train %v val %v skipped %v", train, val, got.Skipped)
	}
	if len(d.Train) != 5 || len(d.Skipped) != 1 {
		t.Error("LeaveOut changed the dataset it was called on")
	}
	if _, err := d.LeaveOut([]Skipped{{"d1", "truncated"}}); err == nil || !strings.Contains(err.Error(), "dog (1)") {
		t.Errorf("a class left with one picture: %v", err)
	}
	if _, err := d.LeaveOut([]Skipped{{"c4", "x"}, {"d3", "x"}}); err == nil {
		t.Error("nothing left to validate on, and no error")
	}
}
