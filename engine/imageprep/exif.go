package imageprep

import (
	"bytes"
	"encoding/binary"
)

// EXIF orientation is read the way PIL's getexif finds it, so that our
// result equals ImageOps.exif_transpose(Image.open(path)):
//   - JPEG: the first APP1 segment starting with "Exif\0";
//   - PNG: the eXIf chunk (anywhere in the file);
//   - WebP: the RIFF "EXIF" chunk;
//   - TIFF: the file's own first IFD.
// Each holds a TIFF structure whose first IFD may carry tag 0x0112.
// Anything unreadable means "no orientation" (1), never an error: a broken
// EXIF block must not make a good image unusable.

// orientationTag is the EXIF/TIFF Orientation tag.
const orientationTag = 0x0112

// exifOrientation returns the EXIF orientation (1..8) of an encoded image in
// format ("jpeg", "png", "webp", "tiff"; others have none), or 1.
func exifOrientation(format string, data []byte) int {
	var blob []byte
	switch format {
	case "jpeg":
		blob = jpegExif(data)
	case "png":
		blob = pngExif(data)
	case "webp":
		blob = webpExif(data)
	case "tiff":
		blob = data
	}
	return tiffOrientation(blob)
}

// trimExifHeader drops the "Exif\0\0" prefix some containers keep.
func trimExifHeader(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("Exif\x00\x00")) {
		return b[6:]
	}
	return b
}

// jpegExif walks the JPEG marker segments up to the first scan and returns
// the TIFF part of the first Exif APP1 segment.
func jpegExif(d []byte) []byte {
	if len(d) < 4 || d[0] != 0xff || d[1] != 0xd8 {
		return nil
	}
	for i := 2; i+4 <= len(d); {
		if d[i] != 0xff {
			return nil
		}
		m := d[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m == 0xd9 || m == 0xda: // end of image, start of scan
			return nil
		case m == 0x01 || (m >= 0xd0 && m <= 0xd7): // no length field
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(d[i+2:]))
		if n < 2 || i+2+n > len(d) {
			return nil
		}
		seg := d[i+4 : i+2+n]
		if m == 0xe1 && bytes.HasPrefix(seg, []byte("Exif\x00")) {
			return seg[min(6, len(seg)):]
		}
		i += 2 + n
	}
	return nil
}

// pngExif returns the eXIf chunk's data.
func pngExif(d []byte) []byte {
	const sig = "\x89PNG\r\n\x1a\n"
	if !bytes.HasPrefix(d, []byte(sig)) {
		return nil
	}
	for i := len(sig); i+8 <= len(d); {
		n := int(binary.BigEndian.Uint32(d[i:]))
		typ := string(d[i+4 : i+8])
		if n < 0 || n > len(d)-i-12 {
			return nil
		}
		if typ == "eXIf" {
			return trimExifHeader(d[i+8 : i+8+n])
		}
		if typ == "IEND" {
			return nil
		}
		i += 12 + n
	}
	return nil
}

// webpExif returns the data of the RIFF "EXIF" chunk.
func webpExif(d []byte) []byte {
	if len(d) < 12 || string(d[0:4]) != "RIFF" || string(d[8:12]) != "WEBP" {
		return nil
	}
	for i := 12; i+8 <= len(d); {
		n := int(binary.LittleEndian.Uint32(d[i+4:]))
		if n < 0 || n > len(d)-i-8 {
			return nil
		}
		if string(d[i:i+4]) == "EXIF" {
			return trimExifHeader(d[i+8 : i+8+n])
		}
		i += 8 + n + n&1 // chunks are padded to an even size
	}
	return nil
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF structure.
func tiffOrientation(b []byte) int {
	if len(b) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	if bo.Uint16(b[2:]) != 42 {
		return 1
	}
	off := int64(bo.Uint32(b[4:]))
	if off+2 > int64(len(b)) {
		return 1
	}
	n := int(bo.Uint16(b[off:]))
	for e := range n {
		p := off + 2 + 12*int64(e)
		if p+12 > int64(len(b)) {
			return 1
		}
		if bo.Uint16(b[p:]) != orientationTag {
			continue
		}
		var v int
		switch bo.Uint16(b[p+2:]) { // field type
		case 3: // SHORT
			v = int(bo.Uint16(b[p+8:]))
		case 4: // LONG
			v = int(bo.Uint32(b[p+8:]))
		default:
			return 1
		}
		if v < 1 || v > 8 {
			return 1
		}
		return v
	}
	return 1
}
