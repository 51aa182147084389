package imageprep

import (
	"bytes"
	"image"
)

// Header is what a picture's first bytes say about it, without decoding
// its pixels.
type Header struct {
	Format        string // "jpeg", "png", "gif", "bmp", "webp" or "tiff"
	Width, Height int    // as stored, before any EXIF rotation
}

// CheckHeader reads only the header of an encoded picture in memory: the
// format is one Decode reads and the size is within MaxPixels. It costs a
// few microseconds where decoding costs milliseconds, so a scan can check
// thousands of pictures at once; a picture whose body is damaged (a
// truncated download) passes here and fails later in Decode. Errors are
// Decode's, naming the file as name.
func CheckHeader(name string, data []byte) (Header, error) {
	c, cfg, err := header(name, data)
	return Header{Format: c.name, Width: cfg.Width, Height: cfg.Height}, err
}

// header finds data's codec and reads its image.Config, refusing empty,
// unknown, unsupported and over-large pictures.
func header(name string, data []byte) (codec, image.Config, error) {
	if len(data) == 0 {
		return codec{}, image.Config{}, fileError(name, ErrEmpty)
	}
	c, ok := findCodec(data)
	if !ok {
		if f := knownUnsupported(data); f != "" {
			return codec{}, image.Config{}, kindError(name, ErrUnsupported, "%s (supported: %s)", f, supportedList)
		}
		return codec{}, image.Config{}, kindError(name, ErrNotImage, "%s", describeContent(data))
	}
	if c.name == "webp" && webpAnimated(data) {
		return codec{}, image.Config{}, kindError(name, ErrUnsupported, "animated WebP")
	}
	cfg, err := c.config(bytes.NewReader(data))
	if err != nil {
		return codec{}, image.Config{}, decoderError(name, c, err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return codec{}, image.Config{}, kindError(name, ErrTooLarge, "%v", err)
	}
	return c, cfg, nil
}
