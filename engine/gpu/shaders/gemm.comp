#version 450
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
// 64×128 tiles, 4×8 values per invocation. gemm_vec.comp is the same
// product in a layout that runs faster on NVIDIA's GPUs; this one is kept
// as the reference layout and for comparison (tools/bench -gemm).
#define TM 4
#define TN 8
#define BM (16 * TM)
#define BN (16 * TN)
#define BK 16
#define A_LOADS (BM * BK / 256)
#define B_LOADS (BK * BN / 256)

layout(local_size_x = 16, local_size_y = 16) in;
layout(std430, set = 0, binding = 0) readonly buffer A { float a[]; };
layout(std430, set = 0, binding = 1) readonly buffer B { float b[]; };
layout(std430, set = 0, binding = 2) buffer C { float c[]; };
layout(std430, set = 0, binding = 3) readonly buffer Bias { float bias[]; };
layout(push_constant) uniform Push {
    uint m; uint n; uint k;
    uint lda; uint ldb; uint ldc;
    uint aOff; uint bOff; uint cOff;
    uint transA; uint transB;
    uint bP; uint bS; uint cP; uint cS;
    float alpha; float beta;
    uint biasMode; float lo; float hi;
    uint kSplit; uint zStride;
} p;

// One padding column keeps the column-wise stores of transposed loads off a
// single shared-memory bank.
shared float As[BK][BM + 1];
shared float Bs[BK][BN + 1];

void tile(uint m0, uint n0) {
    uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
    uint t = ty * 16u + tx;

    // Where each of this invocation's loads comes from, fixed for the whole
    // k loop: element aBase[e] + k0·aStep (bBase, bStep for B).
    uint aBase[A_LOADS];
    uint aStep = p.transA == 0u ? 1u : p.lda;
    for (uint e = 0u; e < A_LOADS; e++) {
        uint l = e * 256u + t;
        uint kk = p.transA == 0u ? l % BK : l / BM;
        uint gi = m0 + (p.transA == 0u ? l / BK : l % BM);
        aBase[e] = p.aOff + (p.transA == 0u ? gi * p.lda + kk : kk * p.lda + gi);
    }
    uint bBase[B_LOADS];
    uint bStep = p.transB == 0u ? p.ldb : 1u;
    for (uint e = 0u; e < B_LOADS; e++) {
        uint l = e * 256u + t;
        uint kk = p.transB == 0u ? l / BN : l % BK;
        uint gj = n0 + (p.transB == 0u ? l % BN : l / BK);
        bBase[e] = p.bOff + (p.transB == 0u ? (gj / p.bP) * p.bS + gj % p.bP + kk * p.ldb : gj * p.ldb + kk);
    }

    float acc[TM][TN];
    for (uint r = 0u; r < TM; r++) {
        for (uint q = 0u; q < TN; q++) acc[r][q] = 0.0;
    }

    uint kBegin = gl_WorkGroupID.z * p.kSplit;
    uint kEnd = min(p.k, kBegin + p.kSplit);
    for (uint k0 = kBegin; k0 < kEnd; k0 += BK) {
        // The slot of load e is recomputed rather than kept in registers:
        // with e unrolled it is a few constant operations.
        for (uint e = 0u; e < A_LOADS; e++) {
            uint l = e * 256u + t;
            uint kk = p.transA == 0u ? l % BK : l / BM;
            uint i = p.transA == 0u ? l / BK : l % BM;
            bool ok = m0 + i < p.m && k0 + kk < kEnd;
            As[kk][i] = ok ? a[aBase[e] + k0 * aStep] : 0.0;
        }
        for (uint e = 0u; e < B_LOADS; e++) {
            uint l = e * 256u + t;
            uint kk = p.transB == 0u ? l / BN : l % BK;
            uint j = p.transB == 0u ? l % BN : l / BK;
            bool ok = n0 + j < p.n && k0 + kk < kEnd;
            Bs[kk][j] = ok ? b[bBase[e] + k0 * bStep] : 0.0;
        }
        memoryBarrierShared();
        barrier();
        for (uint kk = 0u; kk < BK; kk++) {
            float av[TM], bv[TN];
            for (uint r = 0u; r < TM; r++) av[r] = As[kk][ty + 16u * r];
            for (uint q = 0u; q < TN; q++) bv[q] = Bs[kk][tx + 16u * q];
            for (uint r = 0u; r < TM; r++) {
                for (uint q = 0u; q < TN; q++) acc[r][q] += av[r] * bv[q];
            }
        }
        barrier(); // the tile is consumed before the next iteration overwrites it
    }

    uint cCol[TN];
    for (uint q = 0u; q < TN; q++) {
        uint gj = n0 + tx + 16u * q;
        cCol[q] = (gj / p.cP) * p.cS + gj % p.cP;
    }
    for (uint r = 0u; r < TM; r++) {
        uint gi = m0 + ty + 16u * r;
        if (gi >= p.m) continue;
        for (uint q = 0u; q < TN; q++) {
            uint gj = n0 + tx + 16u * q;
            if (gj >= p.n) continue;
            uint idx = p.cOff + gl_WorkGroupID.z * p.zStride + gi * p.ldc + cCol[q];
            float v = p.alpha * acc[r][q];
            if (p.beta != 0.0) v += p.beta * c[idx];
            if (p.biasMode == 1u) v += bias[gi];
            else if (p.biasMode == 2u) v += bias[gj];
            if (p.lo > v) v = p.lo;
            if (p.hi < v) v = p.hi;
            c[idx] = v;
        }
    }
}

void main() {
    uint tilesM = (p.m + BM - 1u) / BM, tilesN = (p.n + BN - 1u) / BN;
    // Grid-stride over tiles, so any m and n fit the 65535-workgroup limit.
    for (uint tm = gl_WorkGroupID.y; tm < tilesM; tm += gl_NumWorkGroups.y) {
        for (uint tn = gl_WorkGroupID.x; tn < tilesN; tn += gl_NumWorkGroups.x) {
            tile(tm * BM, tn * BN);
        }
    }
}
