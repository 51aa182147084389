package jpegdec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestRangeLimit(t *testing.T) {
	// Level shift and clamp for -512..511; beyond that libjpeg's table is
	// indexed with v&1023 and wraps (-1000&1023 = 24 -> 152).
	cases := map[int32]uint8{-1000: 152, -513: 255, -512: 0, -129: 0, -128: 0, -1: 127, 0: 128,
		127: 255, 128: 255, 511: 255, 512: 0, 895: 0, 1023: 127}
	for v, want := range cases {
		if got := rangeLimit(v); got != want {
			t.Errorf("rangeLimit(%d) = %d, want %d", v, got, want)
		}
	}
}

// floatIDCT is the textbook 2-D inverse DCT of a dequantised block.
func floatIDCT(in *block) [blockSize]float64 {
	var out [blockSize]float64
	for y := range 8 {
		for x := range 8 {
			s := 0.0
			for v := range 8 {
				for u := range 8 {
					cu, cv := 1.0, 1.0
					if u == 0 {
						cu = 1 / math.Sqrt2
					}
					if v == 0 {
						cv = 1 / math.Sqrt2
					}
					s += cu * cv * float64(in[8*v+u]) *
						math.Cos(float64(2*x+1)*float64(u)*math.Pi/16) *
						math.Cos(float64(2*y+1)*float64(v)*math.Pi/16)
				}
			}
			out[8*y+x] = s / 4
		}
	}
	return out
}

func TestIDCTISLOWAgainstFloat(t *testing.T) {
	// jpeg_idct_islow is accurate to within one level of the exact
	// transform (IEEE 1180 class accuracy).
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		var b block
		for i := range b {
			if rng.IntN(3) == 0 { // sparse, like quantised data
				b[i] = int32(rng.IntN(200) - 100)
			}
		}
		b[0] = int32(rng.IntN(2000) - 1000)
		want := floatIDCT(&b)
		got := b
		idctISLOW(&got)
		for i := range got {
			if d := math.Abs(float64(got[i]) - want[i]); d > 1 {
				t.Fatalf("trial %d sample %d: islow %d, exact %.3f", trial, i, got[i], want[i])
			}
		}
	}
	dc := block{0: 80}
	idctISLOW(&dc)
	for i, v := range dc {
		if v != 10 {
			t.Fatalf("DC-only block: sample %d = %d, want 80/8 = 10", i, v)
		}
	}
}
