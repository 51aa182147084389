package camera

import (
	"fmt"
	"image"
)

// yuyvImage turns packed 4:2:2 YUYV (Y0 U Y1 V for each two pixels) into
// a YCbCr image of the same subsampling.
func yuyvImage(frame []byte, w, h int) (image.Image, error) {
	if len(frame) < w*h*2 || w%2 != 0 {
		return nil, &Problem{Reason: Broken, Detail: fmt.Sprintf("a %d×%d YUYV frame of %d bytes", w, h, len(frame))}
	}
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio422)
	for y := 0; y < h; y++ {
		row := frame[y*w*2 : (y+1)*w*2]
		for x := 0; x < w; x += 2 {
			q := row[x*2 : x*2+4]
			img.Y[y*img.YStride+x] = q[0]
			img.Y[y*img.YStride+x+1] = q[2]
			img.Cb[y*img.CStride+x/2] = q[1]
			img.Cr[y*img.CStride+x/2] = q[3]
		}
	}
	return img, nil
}
