package camera

import (
	"bytes"
	"image"
	"image/jpeg"
)

// MJPEG frames from USB cameras usually leave out their Huffman tables
// (DHT): the USB video class says they use JPEG's standard ones (Annex
// K.3), which Go's decoder does not assume ("uninitialized Huffman
// table"). huffmanTables puts them back.

// standardDHT returns the DHT segment of the standard tables. Go's encoder
// writes exactly those, so the segment is taken from a tiny picture it
// encodes rather than copied out as 400 numbers.
func standardDHT() []byte {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 16, 16)), nil)
	b := buf.Bytes()
	for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
		n := int(b[i+2])<<8 | int(b[i+3])
		if b[i+1] == 0xC4 {
			// A colour picture gets all four tables (luminance and
			// chrominance, DC and AC) in this one segment.
			return append([]byte(nil), b[i:i+2+n]...)
		}
		i += 2 + n
	}
	return nil
}

// withHuffmanTables returns frame with dht inserted before its scan when
// it has no tables of its own; frame itself otherwise.
func withHuffmanTables(frame, dht []byte) []byte {
	if len(frame) < 4 || frame[0] != 0xFF || frame[1] != 0xD8 {
		return frame // not a JPEG: the decoder will say so
	}
	for i := 2; i+4 <= len(frame) && frame[i] == 0xFF; {
		switch frame[i+1] {
		case 0xC4:
			return frame
		case 0xDA: // start of scan: no tables before it
			out := make([]byte, 0, len(frame)+len(dht))
			out = append(out, frame[:i]...)
			out = append(out, dht...)
			return append(out, frame[i:]...)
		case 0xFF: // fill byte
			i++
			continue
		}
		i += 2 + (int(frame[i+2])<<8 | int(frame[i+3]))
	}
	return frame
}
