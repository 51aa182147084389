#version 450
#extension GL_GOOGLE_include_directive : require
// C = clamp(alpha·op(A)·op(B) + beta·C + bias, lo, hi) for row-major
// matrices, the BLAS sgemm contract of kernels.Gemm plus a conv/linear
// epilogue:
//   op(A) is m×k: A[i][q] = a[aOff + i·lda + q], or a[aOff + q·lda + i] when transA
//   op(B) is k×n: B[q][j] = b[bOff + q·ldb + col(j, bP, bS)], or b[bOff + j·ldb + q] when transB
//   C is m×n:     C[i][j] = c[cOff + i·ldc + col(j, cP, cS)]
// with col(j, P, S) = (j / P)·S + j % P: columns that span images, so a
// convolution reads x (N, C, HW) and writes y (N, OutC, HW) as C×N·HW and
// OutC×N·HW matrices without copies (P = HW, S = C·HW). P = 0xffffffff, S = 0
// is a plain matrix. beta == 0 overwrites C without reading it; biasMode 1
// adds bias[i] (conv), 2 adds bias[j] (linear).
//
// Split-K: workgroup z multiplies only k ∈ [z·kSplit, (z+1)·kSplit) and
// writes its partial C at cOff + z·zStride; gemm_reduce then sums the
// slices. It keeps a GPU busy when m×n has few tiles but k is long (weight
// gradients: OutC × C·KH·KW summed over images·OH·OW).
//
// Each 16×16 workgroup computes a BM×BN tile of C, TM×TN values per
// invocation (rows ty + 16·r, columns tx + 16·c, so stores are coalesced),
// stepping k by BK through shared memory. Loads follow the storage order of
// each operand (transposes are index math, not copies).
// This variant: 64×128 tiles, 4×8 values per invocation.
#define TM 4
#define TN 8
#include "gemm.glsl"
