package weights

import (
	"archive/zip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestLoadPthErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ckpt := filepath.Join(dir, "mine.tlw")
	if err := Save(ckpt, StateDict{"w": {[]int{1}, []float32{1}}}, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		kind error
		says []string
	}{
		{filepath.Join(dir, "absent.pth"), fs.ErrNotExist, []string{"no such file"}},
		{dir, ErrNotWeights, []string{"folder"}},
		{write("empty.pth", nil), ErrTruncated, []string{"empty"}},
		{write("notes.pth", []byte("these are not weights\n")), ErrNotWeights, []string{"not a weights file", "torch.save"}},
		// tar sees a file of zero blocks as an empty archive; gopickle's
		// loader would loop forever on it.
		{write("zeros.pth", make([]byte, 2048)), ErrNotWeights, nil},
		{filepath.Join("testdata", "plain.pkl"), ErrNotWeights, nil},
		{filepath.Join("testdata", "notensors.pth"), ErrNotWeights, []string{"no tensors", "epoch, lr"}},
		{filepath.Join("testdata", "mixed.pth"), ErrNotWeights, []string{`entry "step" is 3, not a tensor`}},
		{filepath.Join("testdata", "module.pth"), ErrNotWeights, []string{"torch.nn.modules.linear.Linear", "state_dict()"}},
		{filepath.Join("testdata", "model-object.pth"), ErrNotWeights, []string{`"model" entry is a pickled torch.nn.modules.linear.Linear object`}},
		{filepath.Join("testdata", "torchscript.pt"), ErrUnsupported, []string{"TorchScript"}},
		{filepath.Join("testdata", "complex.pth"), ErrUnsupported, []string{"tensor z", "complex64"}},
		{filepath.Join("testdata", "complex-legacy.pth"), ErrUnsupported, []string{"tensor z", "complex64"}},
		{ckpt, ErrNotWeights, []string{"TransferLab checkpoint"}},
	} {
		_, err := LoadPth(tc.path)
		if !errors.Is(err, tc.kind) {
			t.Errorf("%s: got %v, want %v", tc.path, err, tc.kind)
			continue
		}
		mustContain(t, err, append([]string{"weights: " + tc.path + ": "}, tc.says...)...)
	}
}

// TestLoadPthTruncated cuts both real files at several places. The cut by
// 100 bytes at the end is the case gopickle's own loader returns as
// success, with stale values in the last tensor.
func TestLoadPthTruncated(t *testing.T) {
	for _, src := range []string{realZip(t), realLegacy(t)} {
		size := fileSize(t, src)
		for _, n := range []int64{10, 100, size / 2, size - 100, size - 1} {
			cut := writePrefix(t, src, n)
			_, err := LoadPth(cut)
			if !errors.Is(err, ErrTruncated) {
				t.Errorf("%s cut to %d bytes: got %v, want ErrTruncated", filepath.Base(src), n, err)
				continue
			}
			mustContain(t, err, cut, "truncated")
		}
	}
}

// TestLoadPthCRC flips one data byte inside a zip record: the zip's CRC-32
// must catch it.
func TestLoadPthCRC(t *testing.T) {
	src := realZip(t)
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	var biggest *zip.File
	for _, f := range zr.File {
		if biggest == nil || f.UncompressedSize64 > biggest.UncompressedSize64 {
			biggest = f
		}
	}
	off, err := biggest.DataOffset()
	zr.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	b[off+1000] ^= 0x40
	bad := filepath.Join(t.TempDir(), "flipped.pth")
	if err := os.WriteFile(bad, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadPth(bad)
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
	mustContain(t, err, bad, "CRC-32")
}
