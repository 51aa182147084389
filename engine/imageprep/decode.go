package imageprep

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os"
)

// MaxPixels is the largest image Decode accepts (width × height). The
// dimensions are read from the header before any pixel memory is allocated,
// so a 20-byte "decompression bomb" claiming 100000×100000 is refused at
// once. 100 megapixels (≈400 MB decoded) is far above any photo.
const MaxPixels = 100_000_000

// Decode reads an image file (JPEG, PNG, GIF, BMP, WebP or TIFF, recognised
// by content, not extension), applies its EXIF orientation and converts it
// to 8-bit RGB exactly as PIL's Image.open(path) → ImageOps.exif_transpose →
// convert("RGB") would (see ToRGB for the per-mode rules and the JPEG
// caveat). The result is always an opaque *image.RGBA with bounds at the
// origin. Errors are one line naming the file and wrap ErrEmpty,
// ErrNotImage, ErrUnsupported, ErrTooLarge, ErrCorrupt or the file system's
// error (errors.Is(err, fs.ErrNotExist) for a missing file).
func Decode(path string) (image.Image, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, unwrapPath(err))
	}
	if info.IsDir() {
		return nil, fileError(path, errors.New("is a directory, not an image file"))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, unwrapPath(err))
	}
	return DecodeBytes(path, data)
}

// unwrapPath drops *fs.PathError's "open <path>:" so the path is not
// repeated; errors.Is still sees the underlying errno.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// DecodeBytes is Decode for an encoded image already in memory (e.g. read
// once to hash it for a cache key); name is only used in error messages.
func DecodeBytes(name string, data []byte) (image.Image, error) {
	c, cfg, err := header(name, data)
	if err != nil {
		return nil, err
	}
	m, err := c.decode(bytes.NewReader(data))
	if err != nil {
		return nil, decoderError(name, c, err)
	}
	return orient(toRGBFrom(c.name, m, data, cfg), exifOrientation(c.name, data)), nil
}

// checkSize refuses empty and over-large dimensions.
func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%d×%d pixels is empty", w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%d×%d pixels (%d megapixels); the limit is %d megapixels",
			w, h, int64(w)*int64(h)/1_000_000, MaxPixels/1_000_000)
	}
	return nil
}

// decoderError classifies a decoder's error.
func decoderError(name string, c codec, err error) error {
	switch {
	case isUnsupportedError(err):
		return kindError(name, ErrUnsupported, "%s", decoderMessage(c, err))
	case isTruncation(err):
		return kindError(name, ErrCorrupt, "%s data ends early (file truncated?)", c.label)
	}
	return kindError(name, ErrCorrupt, "%s", decoderMessage(c, err))
}

// toRGBFrom converts a decoded image to RGB with the rules of the format it
// came from: WebP's YCbCr is limited-range BT.601 (libwebp's conversion),
// a GIF's first frame is placed on its logical screen, the rest is ToRGB.
func toRGBFrom(format string, m image.Image, data []byte, cfg image.Config) *image.RGBA {
	switch m := m.(type) {
	case *image.YCbCr:
		if format == "webp" {
			if out := webpYUVToRGB(m); out != nil {
				return out
			}
		}
	case *image.NYCbCrA:
		if format == "webp" {
			if out := webpYUVToRGB(&m.YCbCr); out != nil {
				return out
			}
		}
	case *image.Paletted:
		if format == "gif" {
			return ToRGB(gifLikePIL(m, data, cfg.Width, cfg.Height))
		}
	}
	return ToRGB(m)
}
