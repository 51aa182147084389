package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"transferlab/internal/shareddata"
)

// TestExplainJSON: one entry per picture with the map at features.12
// (13x13 for squeezenet1_1 at 224), the top class unless --class says
// otherwise, and an overlay picture the size the network saw.
func TestExplainJSON(t *testing.T) {
	dir := shareddata.Path(t, "images/imagenet-samples")
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	want := expectedTop1(t, dir)
	out := t.TempDir()
	files := []string{filepath.Join(dir, "dog.jpg"), filepath.Join(dir, "eagle.jpg")}
	for _, class := range []int{-1, 285} {
		stdout, _, err := runCLI(t, append([]string{"explain", "--model", "squeezenet1_1", "--weights", pth, "--out", out, "--class", strconv.Itoa(class), "--json"}, files...)...)
		if err != nil {
			t.Fatal(err)
		}
		var entries []explained
		if err := json.Unmarshal([]byte(stdout), &entries); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, stdout)
		}
		if len(entries) != len(files) {
			t.Fatalf("%d entries for %d pictures", len(entries), len(files))
		}
		for i, e := range entries {
			wantClass := class
			if class < 0 {
				wantClass = want[filepath.Base(files[i])]
			}
			if e.File != files[i] || e.Class != wantClass || e.Layer != "features.12" || len(e.Cam) != 13 || len(e.Cam[0]) != 13 {
				t.Errorf("entry %s: class %d (want %d) at %s, map %dx%d", e.File, e.Class, wantClass, e.Layer, len(e.Cam), len(e.Cam[0]))
			}
			checkOverlay(t, e.Overlay, 224)
		}
	}
}

func checkOverlay(t *testing.T, path string, size int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
		t.Errorf("%s is %v, want %dx%d", path, b, size, size)
	}
}

// TestExplainRefuses: a missing model, two models, a class out of range.
func TestExplainRefuses(t *testing.T) {
	pth := shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth")
	photo := shareddata.Path(t, "images/imagenet-samples/dog.jpg")
	for _, args := range [][]string{
		{"explain", photo},
		{"explain", "--model", "squeezenet1_1", "--classifier", "x.tlc", photo},
		{"explain", "--model", "squeezenet1_1", "--weights", pth, "--class", "1000", "--out", t.TempDir(), photo},
	} {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
