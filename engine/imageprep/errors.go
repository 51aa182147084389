package imageprep

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds of decoding failure. Errors returned by Decode wrap one of these (or
// the file system's error, e.g. fs.ErrNotExist) and read as one line naming
// the file, e.g.
//
//	imageprep: photos/cat.jpg: corrupt or truncated image: JPEG data ends early
var (
	ErrEmpty       = errors.New("file is empty (0 bytes)")
	ErrNotImage    = errors.New("not an image")
	ErrUnsupported = errors.New("unsupported image format")
	ErrTooLarge    = errors.New("image too large")
	ErrCorrupt     = errors.New("corrupt or truncated image")
)

// fileError prefixes err with the package and the file name.
func fileError(name string, err error) error {
	return fmt.Errorf("imageprep: %s: %w", name, err)
}

// kindError is fileError for one of the kinds above plus a detail.
func kindError(name string, kind error, format string, args ...any) error {
	return fmt.Errorf("imageprep: %s: %w: %s", name, kind, fmt.Sprintf(format, args...))
}

// Reason is err without the package and file name that fileError put
// before it ("not an image: the file holds text starting …"), for lists
// that name the file beside it already.
func Reason(err error, name string) string {
	return strings.TrimPrefix(err.Error(), "imageprep: "+name+": ")
}
