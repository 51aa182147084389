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

// func argmax9AVX2(idx *int32, y *float32, taps *[9]*float32, base *[9]int32, n int) (special bool)
//
// For k < n (a multiple of 8): idx[k] = base[t] + 2k for the LAST tap t
// with taps[t][k] == y[k] (taps come in reverse window order, so that is
// the first maximum in window order); 0 when none is equal. special
// reports whether some y[k] is NaN or −∞.
TEXT ·argmax9AVX2(SB), NOSPLIT, $0-41
	MOVQ idx+0(FP), DI
	MOVQ y+8(FP), SI
	MOVQ taps+16(FP), AX
	MOVQ base+24(FP), BX
	MOVQ n+32(FP), CX
	VMOVDQU argmaxEvenIota<>(SB), Y15
	MOVL $16, R9
	VMOVD R9, X13
	VPBROADCASTD X13, Y13
	VPBROADCASTD 0(BX), Y4
	VPBROADCASTD 4(BX), Y5
	VPBROADCASTD 8(BX), Y6
	VPBROADCASTD 12(BX), Y7
	VPBROADCASTD 16(BX), Y8
	VPBROADCASTD 20(BX), Y9
	VPBROADCASTD 24(BX), Y10
	VPBROADCASTD 28(BX), Y11
	VPBROADCASTD 32(BX), Y12
	VPXOR Y14, Y14, Y14 // NaN or −∞ seen
	XORQ DX, DX
	SHRQ $3, CX
	JZ argmax_done
argmax_loop:
	VMOVUPS (SI)(DX*1), Y0
	VPXOR Y3, Y3, Y3
	VCMPPS $3, Y0, Y0, Y1
	VORPS Y1, Y14, Y14
	VBROADCASTSS argmaxNegInf<>(SB), Y2
	VCMPPS $0, Y2, Y0, Y1
	VORPS Y1, Y14, Y14

#define TAP(off, B) \
	MOVQ off(AX), R8; \
	VCMPPS $0, (R8)(DX*1), Y0, Y1; \
	VPADDD Y15, B, Y2; \
	VBLENDVPS Y1, Y2, Y3, Y3

	TAP(0, Y4)
	TAP(8, Y5)
	TAP(16, Y6)
	TAP(24, Y7)
	TAP(32, Y8)
	TAP(40, Y9)
	TAP(48, Y10)
	TAP(56, Y11)
	TAP(64, Y12)

	VMOVDQU Y3, (DI)(DX*1)
	VPADDD Y13, Y15, Y15
	ADDQ $32, DX
	DECQ CX
	JNZ argmax_loop
argmax_done:
	VPTEST Y14, Y14
	SETNE special+40(FP)
	VZEROUPPER
	RET
