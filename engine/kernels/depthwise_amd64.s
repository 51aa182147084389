//go:build !purego

#include "textflag.h"

// Written by hand (not by internal/asmgen): the weight-gradient
// counterpart of dwConv9AVX.

// func dwGrad9AVX(dy *float32, src *[9]*float32, part *[72]float32, n int)
//
// part[t·8+l] += Σ_s dy[8s+l]·src[t][8s+l] for t < 9, over n elements (a
// multiple of 8): nine vector running sums, one per tap, each dy vector
// loaded once for all nine.
TEXT ·dwGrad9AVX(SB), NOSPLIT, $0-32
	MOVQ dy+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ part+16(FP), AX
	MOVQ n+24(FP), CX
	VMOVUPS 0(AX), Y0
	VMOVUPS 32(AX), Y1
	VMOVUPS 64(AX), Y2
	VMOVUPS 96(AX), Y3
	VMOVUPS 128(AX), Y4
	VMOVUPS 160(AX), Y5
	VMOVUPS 192(AX), Y6
	VMOVUPS 224(AX), Y7
	VMOVUPS 256(AX), Y8
	MOVQ 0(SI), R8
	MOVQ 8(SI), R9
	MOVQ 16(SI), R10
	MOVQ 24(SI), R11
	MOVQ 32(SI), R12
	MOVQ 40(SI), R13
	MOVQ 48(SI), R14
	MOVQ 56(SI), BX
	MOVQ 64(SI), DX
	SHLQ $2, CX
	XORQ SI, SI
	TESTQ CX, CX
	JZ store
loop:
	VMOVUPS (DI)(SI*1), Y9
	VFMADD231PS (R8)(SI*1), Y9, Y0
	VFMADD231PS (R9)(SI*1), Y9, Y1
	VFMADD231PS (R10)(SI*1), Y9, Y2
	VFMADD231PS (R11)(SI*1), Y9, Y3
	VFMADD231PS (R12)(SI*1), Y9, Y4
	VFMADD231PS (R13)(SI*1), Y9, Y5
	VFMADD231PS (R14)(SI*1), Y9, Y6
	VFMADD231PS (BX)(SI*1), Y9, Y7
	VFMADD231PS (DX)(SI*1), Y9, Y8
	ADDQ $32, SI
	CMPQ SI, CX
	JLT loop
store:
	VMOVUPS Y0, 0(AX)
	VMOVUPS Y1, 32(AX)
	VMOVUPS Y2, 64(AX)
	VMOVUPS Y3, 96(AX)
	VMOVUPS Y4, 128(AX)
	VMOVUPS Y5, 160(AX)
	VMOVUPS Y6, 192(AX)
	VMOVUPS Y7, 224(AX)
	VMOVUPS Y8, 256(AX)
	VZEROUPPER
	RET

// func splitPairsAVX2(src, even, odd *float32, n int)
//
// even[k], odd[k] = src[2k], src[2k+1] for k < n (a multiple of 8): two
// loads, two in-lane shuffles and two 64-bit permutes per 8 pairs.
TEXT ·splitPairsAVX2(SB), NOSPLIT, $0-32
	MOVQ src+0(FP), SI
	MOVQ even+8(FP), DI
	MOVQ odd+16(FP), DX
	MOVQ n+24(FP), CX
	SHRQ $3, CX
	JZ split_done
split_loop:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VSHUFPS $0x88, Y1, Y0, Y2 // s0 s2 s8 s10 | s4 s6 s12 s14
	VSHUFPS $0xDD, Y1, Y0, Y3 // s1 s3 s9 s11 | s5 s7 s13 s15
	VPERMPD $0xD8, Y2, Y2     // 64-bit chunks 0 2 1 3
	VPERMPD $0xD8, Y3, Y3
	VMOVUPS Y2, (DI)
	VMOVUPS Y3, (DX)
	ADDQ $64, SI
	ADDQ $32, DI
	ADDQ $32, DX
	DECQ CX
	JNZ split_loop
split_done:
	VZEROUPPER
	RET
