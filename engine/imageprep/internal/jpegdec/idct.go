package jpegdec

// Derived from libjpeg-turbo's jidctint.c: Copyright (C) 1991-1998, Thomas
// G. Lane; libjpeg-turbo modifications Copyright (C) 2015, 2020, D. R.
// Commander. This software is based in part on the work of the Independent
// JPEG Group (IJG License, which asks binary distributions to say so in
// their documentation).
//
// This file replaces image/jpeg's inverse DCT with a port of libjpeg-turbo's
// jpeg_idct_islow (jidctint.c, the default JDCT_ISLOW method that PIL's
// libjpeg uses): the Loeffler-Ligtenberg-Moschytz algorithm in 13-bit fixed
// point with 2 extra bits kept between the column and row passes, and
// libjpeg's range-limit table on output. libjpeg-turbo's SIMD versions are
// bit-exact with this C code, so decoded samples equal libjpeg's.

// block is an 8×8 block of coefficients (natural order once dequantised).
type block [blockSize]int32

const blockSize = 8 * 8

const (
	constBits = 13
	pass1Bits = 2

	fix0298631336 = 2446
	fix0390180644 = 3196
	fix0541196100 = 4433
	fix0765366865 = 6270
	fix0899976223 = 7373
	fix1175875602 = 9633
	fix1501321110 = 12299
	fix1847759065 = 15137
	fix1961570560 = 16069
	fix2053119869 = 16819
	fix2562915447 = 20995
	fix3072711026 = 25172
)

// descale is libjpeg's DESCALE: round and arithmetic-shift right by n.
func descale(x int64, n uint) int64 { return (x + 1<<(n-1)) >> n }

// idct1D is one 8-point pass of jpeg_idct_islow on in[0], in[s], ...,
// in[7s] (already dequantised), returning the 8 outputs before descaling:
// out[i] = sum, to be descaled by the caller's shift.
func idct1D(in0, in1, in2, in3, in4, in5, in6, in7 int64) [8]int64 {
	// Even part: the rotator is sqrt(2)*c(-6).
	z1 := (in2 + in6) * fix0541196100
	tmp2 := z1 + in6*-fix1847759065
	tmp3 := z1 + in2*fix0765366865
	tmp0 := (in0 + in4) << constBits
	tmp1 := (in0 - in4) << constBits
	tmp10, tmp13 := tmp0+tmp3, tmp0-tmp3
	tmp11, tmp12 := tmp1+tmp2, tmp1-tmp2

	// Odd part per figure 8 of the paper.
	tmp0, tmp1, tmp2, tmp3 = in7, in5, in3, in1
	z1 = tmp0 + tmp3
	z2 := tmp1 + tmp2
	z3 := tmp0 + tmp2
	z4 := tmp1 + tmp3
	z5 := (z3 + z4) * fix1175875602
	tmp0 *= fix0298631336
	tmp1 *= fix2053119869
	tmp2 *= fix3072711026
	tmp3 *= fix1501321110
	z1 *= -fix0899976223
	z2 *= -fix2562915447
	z3 = z3*-fix1961570560 + z5
	z4 = z4*-fix0390180644 + z5
	tmp0 += z1 + z3
	tmp1 += z2 + z4
	tmp2 += z2 + z3
	tmp3 += z1 + z4

	return [8]int64{
		tmp10 + tmp3, tmp11 + tmp2, tmp12 + tmp1, tmp13 + tmp0,
		tmp13 - tmp0, tmp12 - tmp1, tmp11 - tmp2, tmp10 - tmp3,
	}
}

// idctISLOW transforms a dequantised block in place; on return each value
// is the output sample before level shift (see rangeLimit).
func idctISLOW(b *block) {
	var ws [blockSize]int64
	// Pass 1: columns, results scaled up by 2**pass1Bits.
	for c := range 8 {
		if b[8+c] == 0 && b[16+c] == 0 && b[24+c] == 0 && b[32+c] == 0 &&
			b[40+c] == 0 && b[48+c] == 0 && b[56+c] == 0 {
			dc := int64(b[c]) << pass1Bits
			for r := range 8 {
				ws[8*r+c] = dc
			}
			continue
		}
		o := idct1D(int64(b[c]), int64(b[8+c]), int64(b[16+c]), int64(b[24+c]),
			int64(b[32+c]), int64(b[40+c]), int64(b[48+c]), int64(b[56+c]))
		for r := range 8 {
			// libjpeg stores the pass-1 results in an int workspace.
			ws[8*r+c] = int64(int32(descale(o[r], constBits-pass1Bits)))
		}
	}
	// Pass 2: rows, descaled by 8 (2**3) and the pass-1 scaling.
	for r := range 8 {
		w := ws[8*r : 8*r+8]
		if w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0 {
			dc := int32(descale(w[0], pass1Bits+3))
			for c := range 8 {
				b[8*r+c] = dc
			}
			continue
		}
		o := idct1D(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7])
		for c := range 8 {
			b[8*r+c] = int32(descale(o[c], constBits+pass1Bits+3))
		}
	}
}

// rangeLimit is libjpeg's IDCT_range_limit lookup: it adds the +128 level
// shift and clamps, indexing its 1024-entry table with v&1023, so values
// beyond ±512 wrap exactly as libjpeg's do (only corrupt data gets there).
func rangeLimit(v int32) uint8 {
	i := v & 1023
	switch {
	case i < 128:
		return uint8(i + 128)
	case i < 512:
		return 255
	case i < 896:
		return 0
	default:
		return uint8(i - 896)
	}
}
