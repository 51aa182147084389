// Package jpegdec is Go's image/jpeg decoder (Go 1.26, BSD licence, see
// LICENSE) changed to decode exactly as libjpeg-turbo does with PIL's
// settings, so TransferLab's pixels equal PyTorch's:
//
//   - the inverse DCT is libjpeg's jpeg_idct_islow with its range-limit
//     table (idct.go) instead of Go's own IDCT, which differs in the last
//     bit for a few percent of samples;
//   - YCbCrToRGB upsamples chroma with libjpeg's "fancy" triangle filter and
//     converts with libjpeg's fixed-point tables (color.go); YCCK (Adobe
//     CMYK) images go through the same conversion;
//   - it registers nothing with the image package (no init).
//
// Decoding, Huffman and progressive handling are image/jpeg's, unchanged.
// Not reproduced: plain CMYK/RGB JPEGs with subsampled channels are
// upsampled by repetition, as image/jpeg does.
package jpegdec
