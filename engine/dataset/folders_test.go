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

// twoClasses writes cat/ and dog/ with two different real pictures each.
func twoClasses(t *testing.T) string {
	t.Helper()
	src := shareddata.Path(t, "datasets/catsdogs-60")
	root := t.TempDir()
	for _, p := range []string{"cat/cat-01.jpg", "cat/cat-02.jpg", "dog/dog-01.jpg", "dog/dog-02.jpg"} {
		writeImage(t, filepath.Join(src, p), filepath.Join(root, p))
	}
	return root
}

// A stray empty class folder is named and left out; the others train.
func TestScanLeavesOutAnEmptyClassFolder(t *testing.T) {
	root := twoClasses(t)
	stray := filepath.Join(root, "New Folder")
	os.Mkdir(stray, 0o755)
	d, err := Scan(context.Background(), root, Options{ValFraction: 0.5})
	if err != nil {
		t.Fatalf("an empty folder blocked the scan: %v", err)
	}
	if !reflect.DeepEqual(d.Classes, []string{"cat", "dog"}) {
		t.Fatalf("classes %v", d.Classes)
	}
	if len(d.Skipped) != 1 || d.Skipped[0].Path != stray || !strings.Contains(d.Skipped[0].Reason, "no pictures") {
		t.Errorf("skipped %+v, want the empty folder named", d.Skipped)
	}
}

// A class folder that cannot be read fails the scan with the real reason.
func TestScanNamesAnUnreadableClassFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder; run as another user (runuser -u nobody) to check")
	}
	root := twoClasses(t)
	locked := filepath.Join(root, "dog")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	_, err := Scan(context.Background(), root, Options{ValFraction: 0.5})
	if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), locked) {
		t.Fatalf("want an error naming %s and \"permission denied\", got %v", locked, err)
	}
}

// The same picture in two classes is flagged with both paths, by Scan and
// by Collect (the app's path); a copy within one class is not.
func TestDuplicatesAcrossClassesAreFlagged(t *testing.T) {
	root := twoClasses(t)
	src := shareddata.Path(t, "datasets/catsdogs-60")
	writeImage(t, filepath.Join(src, "cat/cat-01.jpg"), filepath.Join(root, "dog/mystery.jpg"))
	writeImage(t, filepath.Join(src, "cat/cat-02.jpg"), filepath.Join(root, "cat/copy.jpg"))
	want := []Duplicate{{Paths: []string{filepath.Join(root, "cat/cat-01.jpg"), filepath.Join(root, "dog/mystery.jpg")}}}
	d, err := Scan(context.Background(), root, Options{ValFraction: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Duplicates, want) {
		t.Errorf("Scan: duplicates %v, want %v", d.Duplicates, want)
	}
	c, err := Collect(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Duplicates, want) {
		t.Errorf("Collect: duplicates %v, want %v", c.Duplicates, want)
	}
}

// Collect (the app gathering pictures) lists an unreadable class folder
// with the real reason and keeps the others.
func TestCollectListsAnUnreadableClassFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder; run as another user (runuser -u nobody) to check")
	}
	root := twoClasses(t)
	locked := filepath.Join(root, "dog")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	c, err := Collect(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Classes) != 1 || c.Classes[0].Name != "cat" {
		t.Errorf("classes %+v, want cat only", c.Classes)
	}
	if len(c.Skipped) != 1 || c.Skipped[0].Path != locked || !strings.Contains(c.Skipped[0].Reason, "permission denied") {
		t.Errorf("skipped %+v, want %s with \"permission denied\"", c.Skipped, locked)
	}
}
