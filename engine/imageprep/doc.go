// Package imageprep turns image files into the tensors torchvision's
// pretrained models expect, pixel for pixel as PyTorch would:
//
//	img, err := imageprep.Decode(path)   // JPEG, PNG, GIF, BMP, WebP, TIFF
//	t := imageprep.ImageNet()            // Resize(256), CenterCrop(224), Normalize
//	x := make([]float32, t.Len())        // (3, 224, 224), CHW
//	t.Apply(img, x)
//
// or imageprep.Load(path, t, x) for both steps.
//
// The reference is Debian's PyTorch stack: PIL 9.4 opening the file,
// ImageOps.exif_transpose, convert("RGB"), then torchvision 0.14's
// Resize/CenterCrop/ToTensor/Normalize. Against it the goldens in testdata
// (made by tools/goldens/imageprep/make_goldens.py) are bit-identical for
// every format, JPEG included, and so were all 470 photos of the shared
// data sets when this package was written. Getting there took:
//
//   - JPEG: a copy of Go's image/jpeg with libjpeg-turbo's integer IDCT
//     (internal/jpegdec), plus libjpeg's "fancy" chroma upsampling and
//     fixed-point YCbCr tables;
//   - WebP: libwebp's fancy upsampler and limited-range YUV constants (Go's
//     image.YCbCr would treat WebP's YUV as full-range JPEG colour);
//   - GIF: the transparent palette entry keeps its colour, and the first
//     frame sits on the logical screen, as in PIL;
//   - CMYK: Pillow's cmyk2rgb formula;
//   - Resize: Pillow's antialiased bilinear resampler, reproduced with its
//     float64 coefficients, 22-bit fixed point and uint8 intermediate
//     between the horizontal and vertical passes (resample.go).
//
// One deliberate difference: 16-bit grayscale PNGs become 8-bit by their
// high byte, where PIL's convert("RGB") clips the 16-bit value to 255 (and
// so turns most such images white). 16-bit RGB(A) PNGs match PIL, which
// also takes the high byte. Also, TIFF orientation is applied once; Pillow
// 9.4's TIFF loader already rotates in load() and exif_transpose would
// rotate a second time.
//
// EXIF orientation (all eight values) is read from JPEG APP1, PNG eXIf,
// WebP EXIF chunks and TIFF tags. Bad files give one-line errors naming the
// file that wrap ErrEmpty, ErrNotImage, ErrUnsupported, ErrTooLarge or
// ErrCorrupt; images over MaxPixels are refused from their header, before
// any pixel memory is allocated.
//
// Transform.Key names the preprocessing and its algorithm version for
// feature caches.
package imageprep
