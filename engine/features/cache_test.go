package features

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"transferlab/engine/cpunet"
	"transferlab/engine/imageprep"
	"transferlab/engine/models"
	"transferlab/engine/weights"
	"transferlab/internal/shareddata"
)

// A cut entry, or one overwritten with random bytes of the same length, is
// refused by Get (so the caller recomputes it), and Put replaces it.
func TestCacheDetectsDamagedEntries(t *testing.T) {
	c := NewCache(t.TempDir())
	want := []float32{1, -2.5, 3e-7, 0, 42}
	if err := c.Put("k", "abc", want); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Get("k", "abc"); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip: %v %v", got, err)
	}
	raw, _ := os.ReadFile(c.path("k", "abc"))
	rng := rand.New(rand.NewSource(1))
	noise := make([]byte, len(raw))
	rng.Read(noise)
	flipped := append([]byte(nil), raw...)
	flipped[len(flipped)/2] ^= 1
	for name, damaged := range map[string][]byte{
		"truncated":    raw[:len(raw)-4],
		"cut short":    raw[:10],
		"random bytes": noise,
		"one bit":      flipped,
		"empty":        {},
	} {
		os.WriteFile(c.path("k", "abc"), damaged, 0o644)
		if got, err := c.Get("k", "abc"); err == nil {
			t.Errorf("%s: used %v", name, got)
		}
	}
	if err := c.Put("k", "abc", want); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Get("k", "abc"); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after repair: %v %v", got, err)
	}
}

// Extract recomputes a damaged entry and goes on: the features equal the
// first run's, and only that picture went through the backbone again.
func TestExtractRecomputesDamagedEntries(t *testing.T) {
	ex := squeezenetExtractor(t)
	dir := shareddata.Path(t, "images/imagenet-samples")
	files := picturesIn(dir, "dog.jpg", "owl.jpg", "kite.jpg")
	cache := NewCache(t.TempDir())
	first, err := ex.Extract(context.Background(), cache, files, nil)
	if err != nil || first.Computed != len(files) {
		t.Fatalf("first run: %+v, %v", first, err)
	}
	hash, _ := imageprep.ContentHash(files[1].Path)
	entry := cache.path(ex.Key(), hash)
	raw, _ := os.ReadFile(entry)
	for name, damaged := range map[string][]byte{"truncated to 100 bytes": raw[:100], "random bytes": randomBytes(len(raw))} {
		os.WriteFile(entry, damaged, 0o644)
		again, err := ex.Extract(context.Background(), cache, files, nil)
		if err != nil || again.Computed != 1 {
			t.Fatalf("%s: %+v, %v", name, again, err)
		}
		if !reflect.DeepEqual(again.Features, first.Features) {
			t.Fatalf("%s: features differ from the first run's", name)
		}
	}
}

// picturesIn names files of dir as pictures without a known hash.
func picturesIn(dir string, names ...string) []Picture {
	pics := make([]Picture, len(names))
	for i, n := range names {
		pics[i] = Picture{Path: filepath.Join(dir, n)}
	}
	return pics
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(2)).Read(b)
	return b
}

// squeezenetExtractor is SqueezeNet's real backbone on small crops, on the CPU.
func squeezenetExtractor(t *testing.T) *Extractor {
	t.Helper()
	sd, err := weights.LoadPth(shareddata.Path(t, "weights/squeezenet1_1-imagenet.pth"))
	if err != nil {
		t.Fatal(err)
	}
	net, _ := models.New("squeezenet1_1")
	var params []models.Param
	for _, l := range net.Layers[:net.FeatureLayers] {
		params = append(params, l.Module.Params(l.Path)...)
	}
	backbone := weights.StateDict{}
	for _, p := range params {
		backbone[p.Name] = sd[p.Name]
	}
	st, err := models.NewState(params, backbone, 0)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := NewExtractor(net, st, net.FeatureLayers, imageprep.ImageNetAt(64), cpunet.New(""))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// A cache that cannot be written (here a file stands where its folder would
// go, as a full or read-only disk refuses writes even to root) does not end
// the run: every feature is computed, and Off says why the cache stopped.
func TestExtractGoesOnWithoutAWritableCache(t *testing.T) {
	ex := squeezenetExtractor(t)
	dir := shareddata.Path(t, "images/imagenet-samples")
	files := picturesIn(dir, "dog.jpg", "owl.jpg")
	blocked := filepath.Join(t.TempDir(), "features")
	if err := os.WriteFile(blocked, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := NewCache(blocked)
	got, err := ex.Extract(context.Background(), cache, files, nil)
	if err != nil {
		t.Fatalf("Extract failed with an unwritable cache: %v", err)
	}
	if got.Computed != len(files) || len(got.Features) != len(files) || len(got.Features[1]) == 0 {
		t.Fatalf("%d computed, %d vectors", got.Computed, len(got.Features))
	}
	if cache.Off() == nil {
		t.Error("Off is nil after every write failed")
	}
}
