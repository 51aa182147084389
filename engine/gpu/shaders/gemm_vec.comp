#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// The GEMM of gemm.comp (same contract and push constants, see there) in
// vec_tile.glsl's layout, for GPUs whose shared-memory loads, not
// arithmetic, bound gemm.comp's scalar tiles.

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

#include "vec_tile.glsl"

// Load slot e of this invocation: the k offset and the row of A (column of
// B) within the tile, following each operand's storage order so a warp's
// global loads are contiguous.
uint aK(uint l) { return p.transA == 0u ? l % BK : l / BM; }
uint aI(uint l) { return p.transA == 0u ? l / BK : l % BM; }
uint bK(uint l) { return p.transB == 0u ? l / BN : l % BK; }
uint bJ(uint l) { return p.transB == 0u ? l % BN : l / BK; }

void tile(uint m0, uint n0) {
    uint t = gl_LocalInvocationID.y * 16u + gl_LocalInvocationID.x;
    uint aStep = p.transA == 0u ? 1u : p.lda;
    uint bStep = p.transB == 0u ? p.ldb : 1u;
    // B's column offsets need a division (columns spanning images), so they
    // are computed once per tile; A's are a multiply-add, recomputed.
    uint bBase[B_LOADS];
    [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
        uint l = e * 256u + t;
        uint kk = bK(l), gj = n0 + bJ(l);
        bBase[e] = p.bOff + (p.transB == 0u ? (gj / p.bP) * p.bS + gj % p.bP + kk * p.ldb : gj * p.ldb + kk);
    }

    uint kBegin = gl_WorkGroupID.z * p.kSplit;
    uint kEnd = min(p.k, kBegin + p.kSplit);
    float ra[A_LOADS], rb[B_LOADS];
    [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
        uint l = e * 256u + t, kk = aK(l), gi = m0 + aI(l);
        uint at = p.aOff + (p.transA == 0u ? gi * p.lda + kk : kk * p.lda + gi);
        ra[e] = gi < p.m && kBegin + kk < kEnd ? a[at + kBegin * aStep] : 0.0;
    }
    [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
        uint l = e * 256u + t;
        rb[e] = n0 + bJ(l) < p.n && kBegin + bK(l) < kEnd ? b[bBase[e] + kBegin * bStep] : 0.0;
    }

    vec4 acc[4][2];
    clearTile(acc);
    for (uint k0 = kBegin; k0 < kEnd; k0 += BK) {
        [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
            uint l = e * 256u + t, i = aI(l);
            As[aK(l)][i >> 2u][i & 3u] = ra[e];
        }
        [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
            uint l = e * 256u + t, j = bJ(l);
            Bs[bK(l)][j >> 2u][j & 3u] = rb[e];
        }
        memoryBarrierShared();
        barrier();
        uint k1 = k0 + BK; // prefetch the next tile while this one is multiplied
        if (k1 < kEnd) {
            [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
                uint l = e * 256u + t, kk = aK(l), gi = m0 + aI(l);
                uint at = p.aOff + (p.transA == 0u ? gi * p.lda + kk : kk * p.lda + gi);
                ra[e] = gi < p.m && k1 + kk < kEnd ? a[at + k1 * aStep] : 0.0;
            }
            [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
                uint l = e * 256u + t;
                rb[e] = n0 + bJ(l) < p.n && k1 + bK(l) < kEnd ? b[bBase[e] + k1 * bStep] : 0.0;
            }
        }
        multiplyStep(acc);
        barrier(); // the tile is consumed before the next iteration overwrites it
    }

    uint cCol[8];
    [[unroll]] for (uint q = 0u; q < 8u; q++) {
        uint gj = n0 + tileCol(q);
        cCol[q] = (gj / p.cP) * p.cS + gj % p.cP;
    }
    [[unroll]] for (uint r = 0u; r < 4u; r++) {
        uint gi = m0 + tileRow(r);
        if (gi >= p.m) continue;
        [[unroll]] for (uint q = 0u; q < 8u; q++) {
            uint gj = n0 + tileCol(q);
            if (gj >= p.n) continue;
            uint idx = p.cOff + gl_WorkGroupID.z * p.zStride + gi * p.ldc + cCol[q];
            float v = p.alpha * acc[r][q / 4u][q % 4u];
            if (p.beta != 0.0) v += p.beta * c[idx];
            if (p.biasMode == 1u) v += bias[gi];
            else if (p.biasMode == 2u) v += bias[gj];
            if (p.lo > v) v = p.lo;
            if (p.hi < v) v = p.hi;
            c[idx] = v;
        }
    }
}
