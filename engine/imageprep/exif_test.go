package imageprep

import (
	"encoding/binary"
	"image"
	"testing"
)

// tiffBlob builds a TIFF structure whose first IFD holds one entry.
func tiffBlob(bo binary.ByteOrder, tag, typ uint16, value uint32) []byte {
	b := make([]byte, 8+2+12+4)
	if bo == binary.BigEndian {
		copy(b, "MM")
	} else {
		copy(b, "II")
	}
	bo.PutUint16(b[2:], 42)
	bo.PutUint32(b[4:], 8)
	bo.PutUint16(b[8:], 1)
	bo.PutUint16(b[10:], tag)
	bo.PutUint16(b[12:], typ)
	bo.PutUint32(b[14:], 1)
	if typ == 3 {
		bo.PutUint16(b[18:], uint16(value))
	} else {
		bo.PutUint32(b[18:], value)
	}
	return b
}

func TestTIFFOrientation(t *testing.T) {
	cases := []struct {
		name string
		blob []byte
		want int
	}{
		{"little-endian SHORT", tiffBlob(binary.LittleEndian, orientationTag, 3, 6), 6},
		{"big-endian SHORT", tiffBlob(binary.BigEndian, orientationTag, 3, 8), 8},
		{"big-endian LONG", tiffBlob(binary.BigEndian, orientationTag, 4, 3), 3},
		{"out of range", tiffBlob(binary.LittleEndian, orientationTag, 3, 9), 1},
		{"other tag", tiffBlob(binary.LittleEndian, 0x010f, 3, 6), 1},
		{"wrong type", tiffBlob(binary.LittleEndian, orientationTag, 2, 6), 1},
		{"truncated IFD", tiffBlob(binary.LittleEndian, orientationTag, 3, 6)[:15], 1},
		{"bad magic", []byte("II\x2b\x00\x08\x00\x00\x00"), 1},
		{"empty", nil, 1},
	}
	for _, c := range cases {
		if got := tiffOrientation(c.blob); got != c.want {
			t.Errorf("%s: orientation %d, want %d", c.name, got, c.want)
		}
	}
}

func TestContainerExif(t *testing.T) {
	blob := tiffBlob(binary.BigEndian, orientationTag, 3, 5)
	seg := append([]byte("Exif\x00\x00"), blob...)
	jpeg := []byte{0xff, 0xd8, 0xff, 0xe0, 0, 4, 'J', 'F', 0xff, 0xe1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}
	jpeg = append(append(jpeg, seg...), 0xff, 0xda, 0, 2)
	if got := exifOrientation("jpeg", jpeg); got != 5 {
		t.Errorf("JPEG APP1 after APP0: orientation %d, want 5", got)
	}
	if got := exifOrientation("jpeg", jpeg[:20]); got != 1 {
		t.Errorf("truncated JPEG segment: orientation %d, want 1", got)
	}
	webp := []byte("RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	webp = binary.LittleEndian.AppendUint32(append(webp, "EXIF"...), uint32(len(seg)))
	webp = append(webp, seg...)
	if got := exifOrientation("webp", webp); got != 5 {
		t.Errorf("WebP EXIF chunk with Exif header: orientation %d, want 5", got)
	}
	if got := exifOrientation("gif", jpeg); got != 1 {
		t.Errorf("GIF has no EXIF, got %d", got)
	}
}

func TestOrientInverts(t *testing.T) {
	// Each orientation followed by its inverse gives the original back, and
	// 6 (rotate clockwise) puts the bottom-left pixel at the top-left.
	src := image.NewRGBA(image.Rect(0, 0, 5, 3))
	for i := range src.Pix {
		src.Pix[i] = uint8(i)
	}
	inverse := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	for o, inv := range inverse {
		back := orient(orient(src, o), inv)
		if back.Rect != src.Rect || string(back.Pix) != string(src.Pix) {
			t.Errorf("orientation %d then %d does not restore the image", o, inv)
		}
	}
	r := orient(src, 6)
	if r.Rect.Dx() != 3 || r.Rect.Dy() != 5 || r.RGBAAt(0, 0) != src.RGBAAt(0, 2) || r.RGBAAt(2, 0) != src.RGBAAt(0, 0) {
		t.Errorf("orientation 6 is not a clockwise turn: %v", r.Rect)
	}
}
