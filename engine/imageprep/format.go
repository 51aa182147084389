package imageprep

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/png"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"transferlab/engine/imageprep/internal/jpegdec"
)

// codec is one supported file format. Formats are picked by content, never
// by file extension, and the decoders are called directly rather than through
// image.RegisterFormat, which is global state.
type codec struct {
	name   string // as image.Decode would name it
	label  string // for messages
	magic  func([]byte) bool
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// codecs returns the supported formats.
func codecs() []codec {
	prefix := func(ps ...string) func([]byte) bool {
		return func(d []byte) bool {
			for _, p := range ps {
				if bytes.HasPrefix(d, []byte(p)) {
					return true
				}
			}
			return false
		}
	}
	isWebP := func(d []byte) bool { return len(d) >= 12 && string(d[:4]) == "RIFF" && string(d[8:12]) == "WEBP" }
	return []codec{
		{"jpeg", "JPEG", prefix("\xff\xd8\xff"), jpegdec.DecodeConfig, jpegdec.Decode},
		{"png", "PNG", prefix("\x89PNG\r\n\x1a\n"), png.DecodeConfig, png.Decode},
		{"gif", "GIF", prefix("GIF87a", "GIF89a"), gif.DecodeConfig, gif.Decode},
		{"bmp", "BMP", prefix("BM"), bmp.DecodeConfig, bmp.Decode},
		{"webp", "WebP", isWebP, webp.DecodeConfig, webp.Decode},
		{"tiff", "TIFF", prefix("II*\x00", "MM\x00*"), tiff.DecodeConfig, tiff.Decode},
	}
}

// supportedList is for messages.
const supportedList = "JPEG, PNG, GIF, BMP, WebP, TIFF"

// findCodec returns the codec whose signature data starts with.
func findCodec(data []byte) (codec, bool) {
	for _, c := range codecs() {
		if c.magic(data) {
			return c, true
		}
	}
	return codec{}, false
}

// knownUnsupported names well-known image formats we cannot decode, so the
// user hears "HEIC is not supported" rather than "not an image".
func knownUnsupported(d []byte) string {
	has := func(off int, s string) bool { return len(d) >= off+len(s) && string(d[off:off+len(s)]) == s }
	switch {
	case has(4, "ftyp") && (has(8, "avif") || has(8, "avis")):
		return "AVIF"
	case has(4, "ftyp") && (has(8, "heic") || has(8, "heix") || has(8, "hevc") || has(8, "mif1") || has(8, "msf1")):
		return "HEIC/HEIF"
	case has(0, "\xff\x0a") || has(4, "JXL "):
		return "JPEG XL"
	case has(4, "jP  ") || has(0, "\xff\x4f\xff\x51"):
		return "JPEG 2000"
	case has(0, "8BPS"):
		return "Photoshop PSD"
	case has(0, "\x00\x00\x01\x00"):
		return "ICO"
	case has(0, "%PDF"):
		return "PDF"
	case has(0, "\x76\x2f\x31\x01"):
		return "OpenEXR"
	case len(d) >= 2 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7':
		return "Netpbm (PBM/PGM/PPM)"
	case looksLikeSVG(d):
		return "SVG"
	}
	return ""
}

// looksLikeSVG reports whether d is XML text that mentions an <svg element
// near its start.
func looksLikeSVG(d []byte) bool {
	head := strings.TrimSpace(string(d[:min(len(d), 512)]))
	return (strings.HasPrefix(head, "<?xml") || strings.HasPrefix(head, "<svg") || strings.HasPrefix(head, "<!DOCTYPE svg")) &&
		strings.Contains(head, "<svg")
}

// describeContent says what a non-image file seems to hold, for messages.
func describeContent(d []byte) string {
	head := d[:min(len(d), 24)]
	if utf8.Valid(head) && !bytes.ContainsFunc(head, func(r rune) bool { return r < ' ' && r != '\n' && r != '\r' && r != '\t' }) {
		return "the file holds text starting " + strconv.Quote(string(head))
	}
	return "unrecognised content starting " + strconv.Quote(string(d[:min(len(d), 8)]))
}

// isUnsupportedError reports whether a decoder refused a valid but
// unimplemented variant (arithmetic-coded JPEG, 12-bit, odd TIFF
// compressions...) rather than bad data.
func isUnsupportedError(err error) bool {
	var je jpegdec.UnsupportedError
	var pe png.UnsupportedError
	var te tiff.UnsupportedError
	return errors.As(err, &je) || errors.As(err, &pe) || errors.As(err, &te) || errors.Is(err, bmp.ErrUnsupported)
}

// isTruncation reports whether err means the data ended early. Some
// decoders format io.ErrUnexpectedEOF into their message without wrapping
// it, and image/png does not export its "not enough pixel data" error (the
// compressed stream ended before the last row), so those are recognised by
// their text.
func isTruncation(err error) bool {
	msg := err.Error()
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.Is(err, jpegdec.ErrShortData) ||
		strings.HasSuffix(msg, io.ErrUnexpectedEOF.Error()) || strings.HasSuffix(msg, "not enough pixel data")
}

// decoderMessage is a decoder's error text prefixed with the format label,
// without the decoder's own "png: " style prefix.
func decoderMessage(c codec, err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, c.name+": "); ok {
		msg = rest
	}
	if strings.Contains(msg, c.label) {
		return msg
	}
	return c.label + ": " + msg
}

// webpAnimated reports whether a WebP file has the VP8X animation flag;
// x/image/webp cannot decode animations.
func webpAnimated(d []byte) bool {
	return len(d) >= 21 && string(d[12:16]) == "VP8X" && d[20]&0x02 != 0
}
