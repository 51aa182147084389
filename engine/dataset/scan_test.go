package dataset

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"transferlab/internal/shareddata"
)

func TestScanPresetSplit(t *testing.T) {
	d, err := Scan(context.Background(), shareddata.Path(t, "datasets/hymenoptera"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.PresetSplit || !reflect.DeepEqual(d.Classes, []string{"ants", "bees"}) {
		t.Fatalf("classes %v preset %v", d.Classes, d.PresetSplit)
	}
	train, val := d.Counts()
	t.Logf("train %v val %v skipped %v", train, val, d.Skipped)
	if !reflect.DeepEqual(val, []int{70, 83}) {
		t.Errorf("val counts %v, want [70 83]", val)
	}
	if train[0]+len(d.Skipped) < 124 || train[1] != 121 {
		t.Errorf("train counts %v (+%d skipped), want 124/121", train, len(d.Skipped))
	}
}

func TestScanSplitsStratifiedAndSeeded(t *testing.T) {
	root := shareddata.Path(t, "datasets/catsdogs-60")
	opts := Options{ValFraction: 0.2, Seed: 7}
	a, err := Scan(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	train, val := a.Counts()
	if !reflect.DeepEqual(train, []int{24, 24}) || !reflect.DeepEqual(val, []int{6, 6}) {
		t.Fatalf("train %v val %v, want 24/24 and 6/6", train, val)
	}
	b, _ := Scan(context.Background(), root, opts)
	if !reflect.DeepEqual(a.Val, b.Val) {
		t.Fatal("same seed gave a different split")
	}
	opts.Seed = 8
	c, _ := Scan(context.Background(), root, opts)
	if reflect.DeepEqual(a.Val, c.Val) {
		t.Fatal("another seed gave the same split")
	}
}

// writeImage copies a real JPEG so the folder holds decodable images.
func writeImage(t *testing.T, src, dst string) {
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := os.WriteFile(dst, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScanSkipsBadFilesAndRejectsBadFolders(t *testing.T) {
	photo := filepath.Join(shareddata.Path(t, "datasets/catsdogs-60"), "cat", "cat-01.jpg")
	root := t.TempDir()
	for _, p := range []string{"été/a.jpg", "été/b.JPG", "dog/a.jpg", "dog/sub/b.jpeg"} {
		writeImage(t, photo, filepath.Join(root, p))
	}
	os.WriteFile(filepath.Join(root, "dog", "empty.png"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "dog", "notes.txt"), []byte("hi"), 0o644)
	os.WriteFile(filepath.Join(root, "dog", "fake.jpg"), []byte("not really"), 0o644)
	before := listFiles(t, root)
	d, err := Scan(context.Background(), root, Options{ValFraction: 0.5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Classes, []string{"dog", "été"}) || len(d.Train)+len(d.Val) != 4 {
		t.Fatalf("classes %v, %d images", d.Classes, len(d.Train)+len(d.Val))
	}
	if len(d.Skipped) != 3 {
		t.Fatalf("skipped %v, want empty.png, notes.txt, fake.jpg", d.Skipped)
	}
	if !reflect.DeepEqual(before, listFiles(t, root)) {
		t.Fatal("scanning changed the user's folder")
	}

	one := t.TempDir()
	writeImage(t, photo, filepath.Join(one, "cat", "a.jpg"))
	writeImage(t, photo, filepath.Join(one, "cat", "b.jpg"))
	expectError(t, one, "only one class")
	writeImage(t, photo, filepath.Join(one, "dog", "a.jpg"))
	expectError(t, one, "dog (1)")
	expectError(t, t.TempDir(), "no class folders")
	expectError(t, filepath.Join(root, "missing"), "missing")
}

func expectError(t *testing.T, root, mention string) {
	t.Helper()
	_, err := Scan(context.Background(), root, Options{ValFraction: 0.2})
	if err == nil || !strings.Contains(err.Error(), mention) {
		t.Fatalf("%s: want an error mentioning %q, got %v", root, mention, err)
	}
}

func listFiles(t *testing.T, root string) []string {
	var out []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		info, _ := d.Info()
		out = append(out, p+":"+info.ModTime().String())
		return nil
	})
	return out
}

func TestScanCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, shareddata.Path(t, "datasets/catsdogs-60"), Options{ValFraction: 0.2}); err == nil {
		t.Fatal("cancelled scan succeeded")
	}
}
