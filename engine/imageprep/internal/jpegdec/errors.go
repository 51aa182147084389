package jpegdec

// ErrShortData is the error Decode returns when the entropy-coded data ends
// before the image is complete, which almost always means a truncated file.
// (image/jpeg keeps this error unexported.)
var ErrShortData error = errShortHuffmanData
