package imageprep

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// pngWithHeader returns a PNG signature and a valid IHDR chunk claiming
// w×h 8-bit RGB, and nothing else: a decompression bomb's first 33 bytes.
func pngWithHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // bit depth, colour type RGB
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.WriteString("IHDR")
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte("IHDR"), ihdr...)))
	return b.Bytes()
}

// jpegWithHeader returns SOI, a JFIF APP0 and a baseline SOF0 claiming w×h
// with 3 components, and nothing else.
func jpegWithHeader(w, h uint16) []byte {
	app0 := []byte{0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	sof := []byte{0xff, 0xc0, 0, 17, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3,
		1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0}
	return append(append([]byte{0xff, 0xd8}, app0...), sof...)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "images", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeBadInput(t *testing.T) {
	jpg := readTestdata(t, "rgb420.jpg")
	pngData := readTestdata(t, "rgb.png")
	badCRC := bytes.Clone(pngData)
	badCRC[len(badCRC)-20] ^= 0xff // inside the last IDAT, before IEND
	cases := []struct {
		name, file string
		data       []byte // nil: do not create the file
		kind       error
		says       string
	}{
		{"missing", "nope.jpg", nil, fs.ErrNotExist, "no such file"},
		{"empty", "empty.jpg", []byte{}, ErrEmpty, "0 bytes"},
		{"truncated JPEG", "half.jpg", jpg[:len(jpg)/2], ErrCorrupt, "JPEG data ends early"},
		{"truncated PNG", "half.png", pngData[:len(pngData)/2], ErrCorrupt, "PNG data ends early"},
		{"truncated GIF", "half.gif", readTestdata(t, "palette.gif")[:300], ErrCorrupt, "GIF data ends early"},
		{"bad PNG checksum", "crc.png", badCRC, ErrCorrupt, "PNG"},
		{"header only JPEG", "sof.jpg", jpegWithHeader(64, 64), ErrCorrupt, "JPEG"},
		{"text named .jpg", "notes.jpg", []byte("hello, this is a text file\n"), ErrNotImage, `text starting "hello, this is a text fi"`},
		{"binary junk", "junk.png", []byte{0, 1, 2, 3, 250, 251, 252, 253, 254}, ErrNotImage, "unrecognised content"},
		{"HEIC", "photo.heic", append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 16)...), ErrUnsupported, "HEIC/HEIF (supported: JPEG, PNG"},
		{"SVG", "logo.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrUnsupported, "SVG"},
		{"PNG bomb", "bomb.png", pngWithHeader(100000, 100000), ErrTooLarge, "100000×100000 pixels (10000 megapixels); the limit is 100 megapixels"},
		{"JPEG bomb", "bomb.jpg", jpegWithHeader(60000, 60000), ErrTooLarge, "3600 megapixels"},
		{"zero width", "zero.png", pngWithHeader(0, 10), ErrCorrupt, "PNG"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.file)
			if c.data != nil {
				if err := os.WriteFile(path, c.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			img, err := Decode(path)
			if err == nil {
				t.Fatalf("decoded a %v image, want an error", img.Bounds())
			}
			msg := err.Error()
			t.Log(msg)
			if !errors.Is(err, c.kind) {
				t.Errorf("error does not wrap %v", c.kind)
			}
			if !strings.HasPrefix(msg, "imageprep: "+path+": ") || strings.Contains(msg, "\n") || strings.Count(msg, path) != 1 {
				t.Errorf("want one line naming the file once, got %q", msg)
			}
			if !strings.Contains(msg, c.says) {
				t.Errorf("message should say %q", c.says)
			}
		})
	}
}

func TestDecodeDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Decode(dir)
	if err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("got %v, want an is-a-directory error", err)
	}
}

// TestDecodeBombDoesNotAllocate checks the size guard runs before any pixel
// buffer exists: refusing a 30-gigabyte image must cost next to nothing.
func TestDecodeBombDoesNotAllocate(t *testing.T) {
	data := pngWithHeader(100000, 100000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := DecodeBytes("bomb.png", data); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", grew)
	}
}

func TestDecodeUnicodePathAndWrongExtension(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "été")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A JPEG, and a PNG that claims to be a JPEG: content decides.
	for src, dst := range map[string]string{"rgb420.jpg": "fotó.jpg", "rgb.png": "ñandú.jpg"} {
		path := filepath.Join(dir, dst)
		if err := os.WriteFile(path, readTestdata(t, src), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Decode(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Decode(filepath.Join("testdata", "images", src))
		if err != nil {
			t.Fatal(err)
		}
		if s := comparePixels(got.(*image.RGBA), want.(*image.RGBA)); s.differ != 0 {
			t.Errorf("%s: %v", dst, s)
		}
	}
	_, err := Decode(filepath.Join(dir, "größe.png"))
	if err == nil || !strings.Contains(err.Error(), "été/größe.png") {
		t.Errorf("error should keep the unicode path intact, got %v", err)
	}
}

func TestDecodeBytesMatchesDecode(t *testing.T) {
	path := filepath.Join("testdata", "images", "exif6.jpg")
	a, err := Decode(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := DecodeBytes("x", readTestdata(t, "exif6.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Bounds() != image.Rect(0, 0, 40, 72) { // 72×40 stored, orientation 6 turns it
		t.Errorf("bounds %v, want 40×72 after EXIF rotation", a.Bounds())
	}
	if s := comparePixels(a.(*image.RGBA), b.(*image.RGBA)); s.differ != 0 {
		t.Errorf("DecodeBytes differs from Decode: %v", s)
	}
}
