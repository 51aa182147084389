package kernels

import "fmt"

// AdaptiveAvgPool2d averages (N, C, H, W) into (N, C, outH, outW) with
// PyTorch's bins: output row i covers input rows ⌊i·H/outH⌋ … ⌈(i+1)·H/outH⌉−1
// (bins may overlap or, when outH > H, repeat rows). y is overwritten.
func AdaptiveAvgPool2d(n, c, h, w, outH, outW int, x, y []float32) {
	checkAdaptive("AdaptiveAvgPool2d", n, c, h, w, outH, outW, len(x), len(y))
	hw, p := h*w, outH*outW
	parallelFor(n*c, func(nc int) {
		plane := x[nc*hw : (nc+1)*hw]
		for r := range outH {
			h0, h1 := adaptiveBin(r, h, outH)
			for s := range outW {
				w0, w1 := adaptiveBin(s, w, outW)
				var sum float32
				for hi := h0; hi < h1; hi++ {
					for _, v := range plane[hi*w+w0 : hi*w+w1] {
						sum += v
					}
				}
				y[nc*p+r*outW+s] = sum / float32((h1-h0)*(w1-w0))
			}
		}
	})
}

// AdaptiveAvgPool2dBackward spreads each output gradient evenly over its bin.
// dx is overwritten.
func AdaptiveAvgPool2dBackward(n, c, h, w, outH, outW int, dy, dx []float32) {
	checkAdaptive("AdaptiveAvgPool2dBackward", n, c, h, w, outH, outW, len(dx), len(dy))
	hw, p := h*w, outH*outW
	parallelFor(n*c, func(nc int) {
		plane := dx[nc*hw : (nc+1)*hw]
		clear(plane)
		for r := range outH {
			h0, h1 := adaptiveBin(r, h, outH)
			for s := range outW {
				w0, w1 := adaptiveBin(s, w, outW)
				d := dy[nc*p+r*outW+s] / float32((h1-h0)*(w1-w0))
				for hi := h0; hi < h1; hi++ {
					row := plane[hi*w+w0 : hi*w+w1]
					for i := range row {
						row[i] += d
					}
				}
			}
		}
	})
}

// adaptiveBin is PyTorch's start_index/end_index: [⌊i·in/out⌋, ⌈(i+1)·in/out⌉).
func adaptiveBin(i, in, out int) (start, end int) {
	return i * in / out, ceilDiv((i+1)*in, out)
}

// ValidateAdaptive reports why an adaptive pooling shape is unusable.
func ValidateAdaptive(n, c, h, w, outH, outW int) error {
	if n < 1 || c < 1 || h < 1 || w < 1 || outH < 1 || outW < 1 {
		return fmt.Errorf("adaptive pool: input (%d,%d,%d,%d) and output size (%d,%d) must be positive",
			n, c, h, w, outH, outW)
	}
	return nil
}

func checkAdaptive(op string, n, c, h, w, outH, outW, lx, ly int) {
	if err := ValidateAdaptive(n, c, h, w, outH, outW); err != nil {
		panic("kernels: " + op + ": " + err.Error())
	}
	checkLen(op, "input", lx, n*c*h*w)
	checkLen(op, "output", ly, n*c*outH*outW)
}
