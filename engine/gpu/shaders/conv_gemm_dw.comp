#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// A convolution's weight gradient (groups == 1) as an implicit GEMM:
// dw (OutC × K) = dy (OutC × N·OH·OW) · im2col(x)ᵀ, K = C·KH·KW, with
// gemm_vec.comp's 64×128 tiles and layout, summed over the positions of
// every image in one dispatch. Neither im2col(x) nor dy's matrix layout is
// written: per k step sixteen invocations describe the step's sixteen
// positions (image, output row and column: three divisions each) in shared
// memory, one step ahead, and per tile 128 invocations describe its rows of
// K (channel and kernel offset); loads then gather from x and dy with
// additions only.
//
// Split-K: workgroup z sums positions [z·kSplit, (z+1)·kSplit) and writes
// its partial dw at z·zStride (gemm_reduce sums them); with one slice it
// writes dw itself.
#define FAR (-(1 << 20)) // a row offset no bounds check lets through

layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Out { float dw[]; };
layout(push_constant) uniform Push {
    uint m;  // OutC
    uint n;  // K = C·KH·KW
    uint k;  // N·OH·OW
    int h; int w; int kh; int kw; int oh; int ow;
    int sh; int sw; int ph; int pw; int dh; int dw;
    uint kSplit; uint zStride;
} p;

#include "vec_tile.glsl"

// pos[buf][q]: position k0 + q of a step as (its corner's offset in x:
// img·C·H·W + iy0·W + ix0, iy0, ix0, its offset in dy for channel 0:
// img·OutC·OH·OW + oy·OW + ox), or (0, FAR, FAR, -1) past the slice.
shared ivec4 pos[2][BK];
// rowOf[j]: row j of the tile as (c·H·W + ki·dh·W + kj·dw, ki·dh, kj·dw),
// or (0, FAR, FAR) past K.
shared ivec4 rowOf[BN];

void describePositions(uint buf, uint k0, uint kEnd, uint t) {
    if (t >= BK) return;
    uint q = k0 + t;
    ivec4 r = ivec4(0, FAR, FAR, -1);
    if (q < kEnd) {
        int ohw = p.oh * p.ow, c = int(p.n) / (p.kh * p.kw);
        int img = int(q) / ohw, pix = int(q) - img * ohw;
        int oy = pix / p.ow, ox = pix - oy * p.ow;
        int iy0 = oy * p.sh - p.ph, ix0 = ox * p.sw - p.pw;
        r = ivec4(img * c * p.h * p.w + iy0 * p.w + ix0, iy0, ix0, img * int(p.m) * ohw + pix);
    }
    pos[buf][t] = r;
}

void describeRows(uint n0, uint t) {
    if (t >= BN) return;
    uint j = n0 + t;
    ivec4 r = ivec4(0, FAR, FAR, 0);
    if (j < p.n) {
        int khw = p.kh * p.kw, q = int(j);
        int c = q / khw, rem = q - c * khw;
        int ki = rem / p.kw, kj = rem - ki * p.kw;
        int ry = ki * p.dh, rx = kj * p.dw;
        r = ivec4(c * p.h * p.w + ry * p.w + rx, ry, rx, 0);
    }
    rowOf[t] = r;
}

// load fetches this invocation's A (dy) and B (x) values of one step.
void load(uint buf, uint m0, uint t, out float ra[A_LOADS], out float rb[B_LOADS]) {
    ivec4 ps = pos[buf][t % BK];
    int ohw = p.oh * p.ow;
    [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
        uint gi = m0 + (e * 256u + t) / BK;
        ra[e] = gi < p.m && ps.w >= 0 ? dy[ps.w + int(gi) * ohw] : 0.0;
    }
    [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
        ivec4 rw = rowOf[(e * 256u + t) / BK];
        int iy = ps.y + rw.y, ix = ps.z + rw.z;
        bool ok = iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
        rb[e] = ok ? x[ps.x + rw.x] : 0.0;
    }
}

void tile(uint m0, uint n0) {
    uint t = gl_LocalInvocationID.y * 16u + gl_LocalInvocationID.x;
    uint kBegin = gl_WorkGroupID.z * p.kSplit;
    uint kEnd = min(p.k, kBegin + p.kSplit);

    float ra[A_LOADS], rb[B_LOADS];
    describeRows(n0, t);
    describePositions(0u, kBegin, kEnd, t);
    memoryBarrierShared();
    barrier();
    load(0u, m0, t, ra, rb);

    vec4 acc[4][2];
    clearTile(acc);
    uint step = 0u;
    for (uint k0 = kBegin; k0 < kEnd; k0 += BK, step++) {
        uint next = (step + 1u) & 1u;
        [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
            uint i = (e * 256u + t) / BK;
            As[t % BK][i >> 2u][i & 3u] = ra[e];
        }
        [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
            uint j = (e * 256u + t) / BK;
            Bs[t % BK][j >> 2u][j & 3u] = rb[e];
        }
        describePositions(next, k0 + BK, kEnd, t);
        memoryBarrierShared();
        barrier();
        if (k0 + BK < kEnd) load(next, m0, t, ra, rb); // the next step's, while this one is multiplied
        multiplyStep(acc);
        barrier(); // the step is consumed before the next one overwrites it
    }

    uint base = gl_WorkGroupID.z * p.zStride;
    [[unroll]] for (uint r = 0u; r < 4u; r++) {
        uint gi = m0 + tileRow(r);
        if (gi >= p.m) continue;
        [[unroll]] for (uint q = 0u; q < 8u; q++) {
            uint gj = n0 + tileCol(q);
            if (gj < p.n) dw[base + gi * p.n + gj] = acc[r][q / 4u][q % 4u];
        }
    }
}
