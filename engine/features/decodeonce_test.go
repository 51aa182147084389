package features

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"transferlab/engine/imageprep"
	"transferlab/internal/shareddata"
)

// With the content hashes the scan computed, a re-run whose features are
// all cached reads no picture at all: here the pictures are deleted after
// the first run, and the second still gets the same features, none
// computed.
func TestCachedPicturesWithKnownHashesAreNotRead(t *testing.T) {
	ex := squeezenetExtractor(t)
	src := shareddata.Path(t, "images/imagenet-samples")
	dir := t.TempDir()
	var pics []Picture
	for _, name := range []string{"dog.jpg", "owl.jpg"} {
		raw, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		pics = append(pics, Picture{Path: p, Hash: imageprep.ContentHashOf(raw)})
	}
	cache := NewCache(t.TempDir())
	first, err := ex.Extract(context.Background(), cache, pics, nil)
	if err != nil || first.Computed != 2 || len(first.Unreadable) != 0 {
		t.Fatalf("first run: %+v, %v", first, err)
	}
	for _, p := range pics {
		os.Remove(p.Path)
	}
	again, err := ex.Extract(context.Background(), cache, pics, nil)
	if err != nil || again.Computed != 0 || len(again.Unreadable) != 0 {
		t.Fatalf("re-run: %+v, %v", again, err)
	}
	if !reflect.DeepEqual(again.Features, first.Features) {
		t.Fatal("cached features differ from the first run's")
	}
}

// A picture whose header is fine but whose body is cut short (the scan only
// checks headers) is left out with its reason; the pictures around it get
// the features they get on their own.
func TestTruncatedPictureIsLeftOutNamed(t *testing.T) {
	ex := squeezenetExtractor(t)
	src := shareddata.Path(t, "images/imagenet-samples")
	raw, err := os.ReadFile(filepath.Join(src, "kite.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.jpg")
	if err := os.WriteFile(cut, raw[:len(raw)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := imageprep.CheckHeader(cut, raw[:len(raw)/3]); err != nil {
		t.Fatalf("the cut picture's header should pass: %v", err)
	}
	pics := append(picturesIn(src, "dog.jpg"), Picture{Path: cut}, picturesIn(src, "owl.jpg")[0])
	got, err := ex.Extract(context.Background(), NewCache(t.TempDir()), pics, nil)
	if err != nil {
		t.Fatal(err)
	}
	why, ok := got.Unreadable[1]
	if len(got.Unreadable) != 1 || !ok || !strings.Contains(why.Error(), "cut.jpg") || got.Features[1] != nil {
		t.Fatalf("unreadable %v, features[1] %v; want only cut.jpg, named", got.Unreadable, got.Features[1] != nil)
	}
	alone, err := ex.Extract(context.Background(), NewCache(t.TempDir()), []Picture{pics[0], pics[2]}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Computed != 2 || !reflect.DeepEqual([][]float32{got.Features[0], got.Features[2]}, alone.Features) {
		t.Errorf("the good pictures' features changed beside a bad one (%d computed)", got.Computed)
	}
}
