package weights

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func checkAgainst(t *testing.T, net string) func(StateDict) error {
	expects := readExpects(t, net)
	return func(sd StateDict) error { return Check(expects, sd) }
}

func TestImportRealFilesIntoCache(t *testing.T) {
	t.Setenv(CacheEnv, t.TempDir())
	for _, file := range []string{realZip(t), realLegacy(t)} {
		info, err := Import("squeezenet1_1", file, "", checkAgainst(t, "squeezenet1_1"))
		if err != nil {
			t.Fatal(err)
		}
		cached, ok := Cached("squeezenet1_1")
		if !ok || cached != info.Path || filepath.Base(cached) != "squeezenet1_1-b8a52dc0.pth" {
			t.Errorf("Cached = %q, %v; Import put it at %q", cached, ok, info.Path)
		}
		want, _ := os.ReadFile(file)
		got, _ := os.ReadFile(cached)
		if !bytes.Equal(got, want) {
			t.Errorf("cached copy of %s differs from the original", file)
		}
		sum, _ := Fingerprint(file)
		// The shared weights come from the ONNX model zoo, not from
		// download.pytorch.org: they validate but are not the official file.
		if info.SHA256 != sum || info.Official || info.Tensors != 52 {
			t.Errorf("Import(%s) = %+v", file, info)
		}
		if sd, err := LoadPth(cached); err != nil || len(sd) != 52 {
			t.Errorf("cached file does not load: %v", err)
		}
	}
}

func TestImportOfficialFlag(t *testing.T) {
	file := realZip(t)
	sum, err := Fingerprint(file)
	if err != nil {
		t.Fatal(err)
	}
	src := Source{Network: "squeezenet1_1", File: "squeezenet1_1-" + sum[:8] + ".pth", SHA256Prefix: sum[:8], SHA256: sum, Bytes: fileSize(t, file)}
	info, err := importAs(src, file, t.TempDir(), checkAgainst(t, "squeezenet1_1"))
	if err != nil || !info.Official {
		t.Errorf("importing a file whose hash is the published one: %+v, %v", info, err)
	}
}

func TestImportRejectsAndLeavesCacheUnchanged(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(t.TempDir(), "notes.pth")
	os.WriteFile(notes, []byte("hello"), 0o644)
	cut := writePrefix(t, realZip(t), 100)
	for _, tc := range []struct {
		network, file string
		validate      func(StateDict) error
		kind          error
		says          []string
	}{
		{"resnet18", realZip(t), checkAgainst(t, "resnet18"), nil,
			[]string{"weights: " + realZip(t) + " is not usable as resnet18: file holds a different network (122 of 122 keys missing, e.g. conv1.weight)"}},
		{"squeezenet1_1", notes, nil, ErrNotWeights, []string{notes}},
		{"squeezenet1_1", cut, nil, ErrTruncated, []string{cut}},
		{"squeezenet1_1", filepath.Join(dir, "absent.pth"), nil, os.ErrNotExist, []string{"absent.pth", "no such file"}},
		{"lenet", realZip(t), nil, nil, []string{`unknown network "lenet"`, "resnet18"}},
	} {
		_, err := Import(tc.network, tc.file, dir, tc.validate)
		t.Log(err)
		if tc.kind != nil && !errors.Is(err, tc.kind) {
			t.Errorf("%s as %s: got %v, want %v", tc.file, tc.network, err, tc.kind)
		}
		mustContain(t, err, tc.says...)
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("%s as %s left %d files in the cache", tc.file, tc.network, len(entries))
		}
	}
}

func TestImportKeepsCheckErrorReachable(t *testing.T) {
	_, err := Import("resnet18", realZip(t), t.TempDir(), checkAgainst(t, "resnet18"))
	var ce *CheckError
	if !errors.As(err, &ce) || len(ce.Missing) != 122 {
		t.Errorf("errors.As(*CheckError) failed on %v", err)
	}
}
