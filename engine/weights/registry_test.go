package weights

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestOfficialRegistry(t *testing.T) {
	want := []string{"alexnet", "mobilenet_v2", "resnet18", "resnet50", "squeezenet1_1", "vgg16"}
	if got := Networks(); !slices.Equal(got, want) {
		t.Fatalf("Networks() = %v, want %v", got, want)
	}
	files := map[string]string{
		"alexnet": "alexnet-owt-7be5be79.pth", "vgg16": "vgg16-397923af.pth",
		"resnet18": "resnet18-f37072fd.pth", "resnet50": "resnet50-0676ba61.pth",
		"mobilenet_v2": "mobilenet_v2-b0353104.pth", "squeezenet1_1": "squeezenet1_1-b8a52dc0.pth",
	}
	for _, net := range want {
		s, ok := Official(net)
		if !ok || s.Network != net || s.File != files[net] || s.URL != "https://download.pytorch.org/models/"+files[net] {
			t.Errorf("Official(%q) = %+v", net, s)
		}
		if len(s.SHA256Prefix) != 8 || !strings.Contains(s.File, "-"+s.SHA256Prefix+".pth") {
			t.Errorf("%s: prefix %q is not the one in the file name", net, s.SHA256Prefix)
		}
		if _, err := hex.DecodeString(s.SHA256); len(s.SHA256) != 64 || err != nil || !strings.HasPrefix(s.SHA256, s.SHA256Prefix) {
			t.Errorf("%s: full digest %q does not extend the prefix", net, s.SHA256)
		}
		if !s.Matches(s.SHA256, s.Bytes) || s.Matches(s.SHA256Prefix+strings.Repeat("0", 56), s.Bytes) {
			t.Errorf("%s: Matches is wrong", net)
		}
	}
	if s, _ := Official("ResNet18"); s.File != files["resnet18"] {
		t.Error("Official is not case-insensitive")
	}
	if _, ok := Official("resnet152"); ok {
		t.Error("resnet152 has no entry, yet Official found one")
	}
}

func TestSourceMatchesPrefixOnly(t *testing.T) {
	s := Source{SHA256Prefix: "b8a52dc0"}
	if !s.Matches("B8A52DC0"+strings.Repeat("1", 56), 5) || s.Matches("b8a52dc1"+strings.Repeat("1", 56), 5) {
		t.Error("prefix-only matching is wrong")
	}
	full := Source{SHA256: "b8a52dc0" + strings.Repeat("1", 56)}
	if !full.Matches(full.SHA256, 9) || full.Matches("b8a52dc0"+strings.Repeat("2", 56), 9) || (Source{}).Matches(full.SHA256, 9) {
		t.Error("full-digest-only matching is wrong")
	}
	s.Bytes = 4
	if s.Matches("b8a52dc0"+strings.Repeat("1", 56), 5) {
		t.Error("a known size must be checked")
	}
}

func TestFingerprint(t *testing.T) {
	got, err := Fingerprint(realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	// sha256sum of the shared file
	if want := "11021136743448e9e7746cff0c730005b0c0c7aa72da451e88dca9818dc94add"; got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
	if _, err := Fingerprint(filepath.Join(t.TempDir(), "none")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestCacheDirAndCached(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(CacheEnv, dir)
	if got, err := CacheDir(); err != nil || got != dir {
		t.Errorf("CacheDir() = %q, %v; want %q", got, err, dir)
	}
	if _, ok := Cached("resnet18"); ok {
		t.Error("Cached found a file in an empty cache")
	}
	wdir := filepath.Join(dir, "weights")
	os.MkdirAll(wdir, 0o755)
	want := filepath.Join(wdir, "resnet18-f37072fd.pth")
	os.WriteFile(want, []byte("x"), 0o644)
	if got, ok := Cached("resnet18"); !ok || got != want {
		t.Errorf("Cached = %q, %v; want %q", got, ok, want)
	}
	if _, ok := Cached("lenet"); ok {
		t.Error("Cached found an unknown network")
	}
	t.Setenv(CacheEnv, "")
	base, err := os.UserCacheDir()
	if got, err2 := CacheDir(); err == nil && (err2 != nil || got != filepath.Join(base, "transferlab")) {
		t.Errorf("CacheDir() without %s = %q, %v", CacheEnv, got, err2)
	}
}
