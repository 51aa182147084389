package kernels

// microKernel is the innermost GEMM building block: fn computes
//
//	C[0:mr, 0:nr] += Ap · Bp
//
// where Ap is an mr×kc panel packed column by column ([kc][mr]), Bp a kc×nr
// panel packed row by row ([kc][nr]) and C is row-major with leading dimension
// ldc. Everything around it (blocking, packing, edges, goroutines) is shared,
// so a faster kernel (AVX/FMA assembly, with its own mr and nr) only has to
// provide this function and be returned by selectMicroKernel.
type microKernel struct {
	mr, nr int
	fn     func(kc int, ap, bp, c []float32, ldc int)
}

// selectMicroKernel returns the best kernel for this CPU. For now that is the
// portable Go kernel.
func selectMicroKernel() microKernel {
	return microKernel{mr: 4, nr: 16, fn: microKernel4x16}
}

// microKernel4x16 is the portable kernel. It finishes one row of C at a time
// with 16 accumulators: the Go compiler keeps them in registers and the B
// panel (kc×16, 16 KiB at kc=256) stays in L1 across the four rows. On the
// reference machine this beats register tiles such as 4×4 or 2×8, whose
// loaded operands spill (≈7 versus ≈5 GFLOP/s on one core).
func microKernel4x16(kc int, ap, bp, c []float32, ldc int) {
	ap = ap[:kc*4]
	bp = bp[:kc*16]
	for i := range 4 {
		var acc [16]float32
		for q := range kc {
			a := ap[q*4+i]
			b := (*[16]float32)(bp[q*16 : q*16+16])
			acc[0] += a * b[0]
			acc[1] += a * b[1]
			acc[2] += a * b[2]
			acc[3] += a * b[3]
			acc[4] += a * b[4]
			acc[5] += a * b[5]
			acc[6] += a * b[6]
			acc[7] += a * b[7]
			acc[8] += a * b[8]
			acc[9] += a * b[9]
			acc[10] += a * b[10]
			acc[11] += a * b[11]
			acc[12] += a * b[12]
			acc[13] += a * b[13]
			acc[14] += a * b[14]
			acc[15] += a * b[15]
		}
		row := (*[16]float32)(c[i*ldc : i*ldc+16])
		for j := range acc {
			row[j] += acc[j]
		}
	}
}
