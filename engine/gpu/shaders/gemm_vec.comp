#version 450
#extension GL_EXT_control_flow_attributes : require
// The GEMM of gemm.comp (same contract and push constants, see there) laid
// out for GPUs whose shared-memory loads, not arithmetic, bound the scalar
// tiles: each 16×16 workgroup computes a 64×128 tile of C, each invocation
// rows ty·4 + {0..3} and columns tx·4 + {0..3} and 64 + tx·4 + {0..3}, so one
// 16-byte shared load brings four values of A or B; the next k step's global
// loads are issued before the current one's arithmetic (register prefetch)
// to hide their latency. On an NVIDIA H200 this runs products at 20–27
// TFLOP/s where gemm.comp's layout runs them at 12–17; builds with 128×128
// tiles (8×8 values per invocation) ran at 1–2 TFLOP/s in both layouts
// there, so there are none (docs/gpu-tuning.md).
#define TM 4
#define TN 8
#define RH (TM / 4)
#define CH (TN / 4)
#define BM (64 * RH)
#define BN (64 * CH)
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

// Rows of four floats; one padding vec4 per k row spreads the scalar stores
// of a transposed load over the banks while keeping the reads 16-byte aligned.
shared vec4 As[BK][BM / 4 + 1];
shared vec4 Bs[BK][BN / 4 + 1];

// Load slot e of this invocation: the k offset and the row of A (column of
// B) within the tile, following each operand's storage order so a warp's
// global loads are contiguous.
uint aK(uint l) { return p.transA == 0u ? l % BK : l / BM; }
uint aI(uint l) { return p.transA == 0u ? l / BK : l % BM; }
uint bK(uint l) { return p.transB == 0u ? l / BN : l % BK; }
uint bJ(uint l) { return p.transB == 0u ? l % BN : l / BK; }

void tile(uint m0, uint n0) {
    uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
    uint t = ty * 16u + tx;
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

    vec4 acc[4 * RH][CH];
    [[unroll]] for (uint r = 0u; r < 4u * RH; r++) {
        [[unroll]] for (uint h = 0u; h < CH; h++) acc[r][h] = vec4(0.0);
    }
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
        [[unroll]] for (uint kk = 0u; kk < BK; kk++) {
            vec4 av[RH], bv[CH];
            [[unroll]] for (uint h = 0u; h < RH; h++) av[h] = As[kk][h * 16u + ty];
            [[unroll]] for (uint h = 0u; h < CH; h++) bv[h] = Bs[kk][h * 16u + tx];
            [[unroll]] for (uint h = 0u; h < RH; h++) {
                [[unroll]] for (uint r = 0u; r < 4u; r++) {
                    [[unroll]] for (uint q = 0u; q < CH; q++) acc[h * 4u + r][q] += av[h][r] * bv[q];
                }
            }
        }
        barrier(); // the tile is consumed before the next iteration overwrites it
    }

    uint cCol[4 * CH];
    [[unroll]] for (uint q = 0u; q < 4u * CH; q++) {
        uint gj = n0 + (q / 4u) * 64u + tx * 4u + q % 4u;
        cCol[q] = (gj / p.cP) * p.cS + gj % p.cP;
    }
    [[unroll]] for (uint r = 0u; r < 4u * RH; r++) {
        uint gi = m0 + (r / 4u) * 64u + ty * 4u + r % 4u;
        if (gi >= p.m) continue;
        [[unroll]] for (uint q = 0u; q < 4u * CH; q++) {
            uint gj = n0 + (q / 4u) * 64u + tx * 4u + q % 4u;
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

void main() {
    uint tilesM = (p.m + BM - 1u) / BM, tilesN = (p.n + BN - 1u) / BN;
    // Grid-stride over tiles, so any m and n fit the 65535-workgroup limit.
    for (uint tm = gl_WorkGroupID.y; tm < tilesM; tm += gl_NumWorkGroups.y) {
        for (uint tn = gl_WorkGroupID.x; tn < tilesN; tn += gl_NumWorkGroups.x) {
            tile(tm * BM, tn * BN);
        }
    }
}
