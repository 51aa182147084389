//go:build !purego

package kernels

import "golang.org/x/sys/cpu"

// useWinogradAVX512 selects the vector transforms of winograd_amd64.s. The
// Winograd convolution only runs with them: with scalar transforms it is
// slower than the GEMM (measured: 2.5× slower at 64 channels for F(2,3)).
var useWinogradAVX512 = cpu.X86.HasAVX512F && kernelsWanted()

//go:noescape
func winoOutput43AVX512(m *float32, mstride int, tmp *float32, o *float32, ostride int)

//go:noescape
func winoGatherInput43AVX512(base *float32, offs *int32, wp int, p *float32, dst *float32, stride int)

// winoGatherInput43Vec gathers the 6×6 patches at offsets offs (rows wp
// apart) of base and writes their transforms as winoInput43Go does; p is
// scratch of 36·16 floats.
func winoGatherInput43Vec(base []float32, offs *[winoLanes]int32, wp int, p, dst []float32, stride int) {
	_ = base[maxOffset(offs)+5*wp+5]
	_ = p[winoElems*winoLanes-1]
	_ = dst[(winoElems-1)*stride+winoLanes-1]
	winoGatherInput43AVX512(&base[0], &offs[0], wp, &p[0], &dst[0], stride)
}

// winoOutput43Vec is winoOutput43Go in AVX-512; tmp holds 24·16 floats.
func winoOutput43Vec(m []float32, mstride int, tmp, o []float32, ostride int) {
	_ = m[(winoElems-1)*mstride+winoLanes-1]
	_ = tmp[24*winoLanes-1]
	_ = o[15*ostride+winoLanes-1]
	winoOutput43AVX512(&m[0], mstride, &tmp[0], &o[0], ostride)
}

//go:noescape
func winoGatherGrad43AVX512(base *float32, offs *int32, w4 int, p *float32, dst *float32, stride int, mask int)

// maxOffset returns the largest of offs, panicking on a negative one.
func maxOffset(offs *[winoLanes]int32) int {
	hi := int32(0)
	for _, o := range offs {
		if o < 0 {
			panic("kernels: negative Winograd gather offset")
		}
		hi = max(hi, o)
	}
	return int(hi)
}

// winoGatherGrad43Vec gathers the 4×4 blocks at offsets offs (rows w4
// apart) of base and writes A dy Aᵀ as winoGrad43Go does, lanes below n
// only; p is scratch of 24·16 floats.
func winoGatherGrad43Vec(base []float32, offs *[winoLanes]int32, w4 int, p, dst []float32, stride, n int) {
	_ = base[maxOffset(offs)+3*w4+3]
	_ = p[24*winoLanes-1]
	_ = dst[(winoElems-1)*stride+n-1]
	winoGatherGrad43AVX512(&base[0], &offs[0], w4, &p[0], &dst[0], stride, 1<<n-1)
}

//go:noescape
func winoScatter43AVX512(o *float32, ostride int, y *float32, offs *int, ow int, full int)

// winoScatter43Vec stores the 4×4 output blocks of the tiles whose bit is
// set in full: block (r, c) of lane l is o[(r·4+c)·ostride + l] and goes to
// y[offs[l] + r·ow + c].
func winoScatter43Vec(o []float32, ostride int, y []float32, offs *[winoLanes]int, ow int, full uint16) {
	_ = o[15*ostride+winoLanes-1]
	for l, off := range offs {
		if full&(1<<l) != 0 && (off < 0 || off+3*ow+3 >= len(y)) {
			panic("kernels: Winograd output block outside y")
		}
	}
	winoScatter43AVX512(&o[0], ostride, &y[0], &offs[0], ow, int(full))
}

//go:noescape
func winoFilter8AVX512(w *float32, idx *int32, gmask, smask int, dst *float32, dstride int)

// winoFilter8Vec is winoFilter on up to 8 filters at once: filter r < nk is
// w[f0+idx[r]:][:9], element e of its transform goes to dst[e·dstride+r],
// and lanes nk ≤ r < ns get zeros (the rows past OutC of a panel).
func winoFilter8Vec(w []float32, f0 int, idx *[8]int32, nk, ns int, dst []float32, dstride int) {
	if nk > 0 {
		_ = w[f0+int(idx[nk-1])+8]
	}
	_ = w[f0]
	_ = dst[(winoElems-1)*dstride+ns-1]
	winoFilter8AVX512(&w[f0], &idx[0], 1<<nk-1, 1<<ns-1, &dst[0], dstride)
}
