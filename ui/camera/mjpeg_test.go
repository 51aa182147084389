package camera

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"
)

func TestCameraMJPEGFrameWithoutHuffmanTablesDecodes(t *testing.T) {
	show, err := NewSlideshow(cats(t, 1), 0, false)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, show.Frame(0), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	full := buf.Bytes()
	want, _ := jpeg.Decode(bytes.NewReader(full))
	// A camera's frame: the same JPEG without its DHT segment.
	dht := standardDHT()
	i := bytes.Index(full, dht)
	if len(dht) < 400 || i < 0 {
		t.Fatalf("standard tables of %d bytes, found at %d", len(dht), i)
	}
	frame := append(append([]byte(nil), full[:i]...), full[i+len(dht):]...)
	if _, err := jpeg.Decode(bytes.NewReader(frame)); err == nil {
		t.Fatal("Go decodes a JPEG without Huffman tables: the fix is not needed")
	}
	got, err := jpeg.Decode(bytes.NewReader(withHuffmanTables(frame, dht)))
	if err != nil {
		t.Fatal(err)
	}
	if !sameYCbCr(got, want) {
		t.Error("the repaired frame decodes to other pixels")
	}
	if out := withHuffmanTables(full, dht); !bytes.Equal(out, full) {
		t.Error("a JPEG with its own tables was changed")
	}
}

func sameYCbCr(a, b image.Image) bool {
	x, ok1 := a.(*image.YCbCr)
	y, ok2 := b.(*image.YCbCr)
	return ok1 && ok2 && x.Rect == y.Rect && bytes.Equal(x.Y, y.Y) && bytes.Equal(x.Cb, y.Cb) && bytes.Equal(x.Cr, y.Cr)
}
