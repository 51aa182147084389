package demo

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// files returns every file under dir with its bytes, by relative path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateCountsSizesAndDecodes(t *testing.T) {
	dir := t.TempDir()
	opt := Default()
	folders, err := Generate(context.Background(), dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "circles"), filepath.Join(dir, "squares"), filepath.Join(dir, "triangles")}
	if !slices.Equal(folders, want) {
		t.Errorf("folders = %v, want %v", folders, want)
	}
	all := files(t, dir)
	if len(all) != 3*40 {
		t.Errorf("%d files, want 120", len(all))
	}
	sizes := map[int]bool{}
	for _, class := range Classes {
		for i := 1; i <= opt.PerClass; i++ {
			name := filepath.Join(class, class+"-"+twoDigits(i)+".png")
			data, ok := all[name]
			if !ok {
				t.Fatalf("%s missing", name)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b := img.Bounds()
			if b.Dx() != b.Dy() || b.Dx() < opt.MinSize || b.Dx() > opt.MaxSize {
				t.Errorf("%s is %dx%d, want a square of %d-%d pixels", name, b.Dx(), b.Dy(), opt.MinSize, opt.MaxSize)
			}
			sizes[b.Dx()] = true
		}
	}
	if len(sizes) < 10 {
		t.Errorf("only %d different sizes: the pictures should vary", len(sizes))
	}
}

func twoDigits(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func TestGenerateIsDeterministicAndLeavesGoodFilesAlone(t *testing.T) {
	opt := Options{PerClass: 5, MinSize: 64, MaxSize: 80, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	if _, err := Generate(context.Background(), a, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(context.Background(), b, opt); err != nil {
		t.Fatal(err)
	}
	fa, fb := files(t, a), files(t, b)
	if len(fa) != 15 || len(fa) != len(fb) {
		t.Fatalf("%d and %d files, want 15", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	opt.Seed = 8
	c := t.TempDir()
	Generate(context.Background(), c, opt)
	if bytes.Equal(files(t, c)["circles/circles-01.png"], fa["circles/circles-01.png"]) {
		t.Error("another seed drew the same picture")
	}

	// Generating again over good files rewrites none of them; a damaged
	// file is drawn again; the user's own files stay.
	first := filepath.Join(a, "squares", "squares-01.png")
	damaged := filepath.Join(a, "triangles", "triangles-02.png")
	mine := filepath.Join(a, "squares", "my-notes.txt")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(first, old, old)
	os.WriteFile(damaged, []byte("oops"), 0o644)
	os.WriteFile(mine, []byte("keep me"), 0o644)
	opt.Seed = 7
	if _, err := Generate(context.Background(), a, opt); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(first); !st.ModTime().Equal(old) {
		t.Error("a good file was rewritten")
	}
	if data, _ := os.ReadFile(damaged); !bytes.Equal(data, fb["triangles/triangles-02.png"]) {
		t.Error("a damaged file was not drawn again")
	}
	if data, _ := os.ReadFile(mine); string(data) != "keep me" {
		t.Error("a file that is not a demo picture was changed")
	}
}

func TestShapesAreDrawn(t *testing.T) {
	// Every picture has two clearly different colours: the background at
	// the corners (the shape keeps inside) and the shape at its centre.
	rng := rand.New(rand.NewSource(3))
	for class := range Classes {
		for k := 0; k < 20; k++ {
			img := Draw(class, 64, rng)
			counts := map[[3]uint8]int{}
			for y := 0; y < 64; y++ {
				for x := 0; x < 64; x++ {
					c := img.NRGBAAt(x, y)
					counts[[3]uint8{c.R / 32, c.G / 32, c.B / 32}]++
				}
			}
			if len(counts) < 2 {
				t.Errorf("%s #%d is one flat colour", Classes[class], k)
			}
		}
	}
	// The shapes differ in how much of their bounding box they fill: a
	// circle pi/4, a square all of an unturned one, a triangle about half.
	fill := func(class int) float64 {
		img := Draw(class, 96, rand.New(rand.NewSource(11)))
		return filled(img)
	}
	c, s, tr := fill(0), fill(1), fill(2)
	if !(tr < c && tr < s) {
		t.Errorf("filled fractions of the bounding box: circle %.2f, square %.2f, triangle %.2f", c, s, tr)
	}
}

// filled is the fraction of the shape's bounding box the shape covers; the
// shape's colour is the centre-most pixel that differs from the corner.
func filled(img *image.NRGBA) float64 {
	bg := img.NRGBAAt(0, 0)
	b := img.Bounds()
	minX, minY, maxX, maxY := b.Max.X, b.Max.Y, -1, -1
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.NRGBAAt(x, y)
			d := absDiff(c.R, bg.R) + absDiff(c.G, bg.G) + absDiff(c.B, bg.B)
			if d > 90 {
				n++
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(n) / float64((maxX-minX+1)*(maxY-minY+1))
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestGenerateStopsWhenCancelledAndRefusesBadOptions(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, t.TempDir(), Default()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	for _, bad := range []Options{{PerClass: 0, MinSize: 64, MaxSize: 96}, {PerClass: 1, MinSize: 96, MaxSize: 64}, {PerClass: 1, MinSize: 2, MaxSize: 4}} {
		if _, err := Generate(context.Background(), t.TempDir(), bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if _, err := Generate(context.Background(), filepath.Join(t.TempDir(), "new", "folder"), Options{PerClass: 1, MinSize: 64, MaxSize: 64}); err != nil {
		t.Errorf("a missing folder is not created: %v", err)
	}
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o644)
	if _, err := Generate(context.Background(), file, Default()); err == nil {
		t.Error("drawing into a file (not a folder) succeeded")
	}
}
