//go:build !purego

#include "textflag.h"

// Written by hand: the argmax of 3×3, stride-2 max-pool windows from the
// even/odd column splits of the window's rows (see maxpool.go).

DATA argmaxEvenIota<>+0(SB)/4, $0
DATA argmaxEvenIota<>+4(SB)/4, $2
DATA argmaxEvenIota<>+8(SB)/4, $4
DATA argmaxEvenIota<>+12(SB)/4, $6
DATA argmaxEvenIota<>+16(SB)/4, $8
DATA argmaxEvenIota<>+20(SB)/4, $10
DATA argmaxEvenIota<>+24(SB)/4, $12
DATA argmaxEvenIota<>+28(SB)/4, $14
GLOBL argmaxEvenIota<>(SB), RODATA|NOPTR, $32

DATA argmaxNegInf<>+0(SB)/4, $0xff800000
GLOBL argmaxNegInf<>(SB), RODATA|NOPTR, $4

// MAXNAN(a, b, dst, t1, t2): dst = max(a, b), NaN when either is, as
// maxNaNAVX computes it (same instructions, same operand order).
#define MAXNAN(a, b, dst, t1, t2) \
	VMAXPS b, a, t1; \
	VCMPPS $3, a, a, t2; \
	VBLENDVPS t2, a, t1, dst

// func maxArgmax3x3AVX2(y *float32, idx *int32, e0, e1, e2 *float32, half int, base *[9]int32, n int) (special bool)
//
// A 3×3, stride-2 window's maximum and argmax for k < n (a multiple of 8)
// from the even/odd splits of its three rows: row r's even columns at er,
// its odd ones half bytes further. y[k] = max(E[k], O[k], E[k+1]) with E, O
// the maxima over the rows (in maxpool.go's order), and idx[k] = base[t] +
// 2k for the first tap t = 3r+j in row-major order equal to y[k]. special
// reports whether some y[k] is NaN or −∞ (whose argmax the caller finds).
TEXT ·maxArgmax3x3AVX2(SB), NOSPLIT, $0-65
	MOVQ y+0(FP), SI
	MOVQ idx+8(FP), DI
	MOVQ e0+16(FP), R8
	MOVQ e1+24(FP), R9
	MOVQ e2+32(FP), R10
	MOVQ half+40(FP), AX
	LEAQ (R8)(AX*1), BX // odd columns of row 0
	LEAQ (R9)(AX*1), R11
	LEAQ (R10)(AX*1), AX
	MOVQ base+48(FP), R12
	MOVQ n+56(FP), CX
	VMOVDQU argmaxEvenIota<>(SB), Y15
	MOVL $16, R13
	VMOVD R13, X13
	VPBROADCASTD X13, Y13
	VPXOR Y14, Y14, Y14 // NaN or −∞ seen
	XORQ DX, DX
	SHRQ $3, CX
	JZ ma_done
ma_loop:
	// E in Y5, O in Y6, E shifted by one column in Y7, then y in Y0.
	VMOVUPS (R8)(DX*1), Y0
	VMOVUPS (R9)(DX*1), Y1
	MAXNAN(Y0, Y1, Y5, Y2, Y3)
	VMOVUPS (R10)(DX*1), Y1
	MAXNAN(Y5, Y1, Y5, Y2, Y3)
	VMOVUPS (BX)(DX*1), Y0
	VMOVUPS (R11)(DX*1), Y1
	MAXNAN(Y0, Y1, Y6, Y2, Y3)
	VMOVUPS (AX)(DX*1), Y1
	MAXNAN(Y6, Y1, Y6, Y2, Y3)
	VMOVUPS 4(R8)(DX*1), Y0
	VMOVUPS 4(R9)(DX*1), Y1
	MAXNAN(Y0, Y1, Y7, Y2, Y3)
	VMOVUPS 4(R10)(DX*1), Y1
	MAXNAN(Y7, Y1, Y7, Y2, Y3)
	MAXNAN(Y5, Y6, Y0, Y2, Y3)
	MAXNAN(Y0, Y7, Y0, Y2, Y3)
	VMOVUPS Y0, (SI)(DX*1)
	VCMPPS $3, Y0, Y0, Y1
	VORPS Y1, Y14, Y14
	VBROADCASTSS argmaxNegInf<>(SB), Y2
	VCMPPS $0, Y2, Y0, Y1
	VORPS Y1, Y14, Y14
	VPXOR Y3, Y3, Y3

#define MATAP(mem, t) \
	VCMPPS $0, mem, Y0, Y1; \
	VPBROADCASTD (4*t)(R12), Y2; \
	VPADDD Y15, Y2, Y2; \
	VBLENDVPS Y1, Y2, Y3, Y3

	// Taps in reverse row-major order: the first equal one is written last.
	MATAP(4(R10)(DX*1), 8)
	MATAP((AX)(DX*1), 7)
	MATAP((R10)(DX*1), 6)
	MATAP(4(R9)(DX*1), 5)
	MATAP((R11)(DX*1), 4)
	MATAP((R9)(DX*1), 3)
	MATAP(4(R8)(DX*1), 2)
	MATAP((BX)(DX*1), 1)
	MATAP((R8)(DX*1), 0)

	VMOVDQU Y3, (DI)(DX*1)
	VPADDD Y13, Y15, Y15
	ADDQ $32, DX
	DECQ CX
	JNZ ma_loop
ma_done:
	VPTEST Y14, Y14
	SETNE special+64(FP)
	VZEROUPPER
	RET
