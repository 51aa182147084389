#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// Convolution (groups == 1) as an implicit GEMM: y (N, OutC, OH, OW) =
// clamp(w · im2col(x) + bias, lo, hi) for x (N, C, H, W) and w (OutC, K),
// K = C·KH·KW, with gemm_vec.comp's 64×128 tiles and layout. The im2col
// matrix (K × N·OH·OW) is never written: each load of B gathers its value
// from x (zero in the padding). Per k step, sixteen invocations describe the
// step's sixteen rows (channel and kernel offset: two divisions each) in
// shared memory, one step ahead, so the other loads need no division;
// each invocation's column (image and output position) is fixed per tile.

layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer Wt { float wt[]; };
layout(std430, set = 0, binding = 2) readonly buffer Bias { float bias[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push {
    uint m;  // OutC
    uint n;  // N·OH·OW
    uint k;  // C·KH·KW
    int h; int w; int kh; int kw; int oh; int ow;
    int sh; int sw; int ph; int pw; int dh; int dw;
    uint hasBias; float lo; float hi;
} p;

#include "vec_tile.glsl"

// rows[buf][r]: for row k0 + r of a step, (its offset in an image of x:
// c·H·W + ki·dh·W + kj·dw, ki·dh, kj·dw, 1), or all 0 past K. Two buffers:
// one step's rows are written while the previous step's are still read.
shared ivec4 rows[2][BK];

void describeRows(uint buf, uint k0, uint t) {
    if (t >= BK) return;
    uint kk = k0 + t;
    ivec4 r = ivec4(0);
    if (kk < p.k) {
        int khw = p.kh * p.kw, q = int(kk);
        int c = q / khw, rem = q - c * khw;
        int ki = rem / p.kw, kj = rem - ki * p.kw;
        int dy = ki * p.dh, dx = kj * p.dw;
        r = ivec4(c * p.h * p.w + dy * p.w + dx, dy, dx, 1);
    }
    rows[buf][t] = r;
}

void tile(uint m0, uint n0) {
    uint t = gl_LocalInvocationID.y * 16u + gl_LocalInvocationID.x;
    // This invocation's column of B for all its loads: B_LOADS rows
    // 2e + t/128 of each step, column t % 128.
    uint jj = t % BN, rowHalf = t / BN;
    uint gj = n0 + jj;
    int ohw = p.oh * p.ow;
    int img = int(gj) / ohw, pix = int(gj) - img * ohw;
    int oy = pix / p.ow, ox = pix - oy * p.ow;
    int iy0 = oy * p.sh - p.ph, ix0 = ox * p.sw - p.pw;
    int base = img * (int(p.k) / (p.kh * p.kw)) * p.h * p.w + iy0 * p.w + ix0;
    bool colOK = gj < p.n;

    float ra[A_LOADS], rb[B_LOADS];
    describeRows(0u, 0u, t);
    memoryBarrierShared();
    barrier();
    [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
        uint l = e * 256u + t, kk = l % BK, gi = m0 + l / BK;
        ra[e] = gi < p.m && kk < p.k ? wt[gi * p.k + kk] : 0.0;
    }
    [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
        ivec4 r = rows[0][2u * e + rowHalf];
        int iy = iy0 + r.y, ix = ix0 + r.z;
        bool ok = colOK && r.w != 0 && iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
        rb[e] = ok ? x[base + r.x] : 0.0;
    }

    vec4 acc[4][2];
    clearTile(acc);
    uint step = 0u;
    for (uint k0 = 0u; k0 < p.k; k0 += BK, step++) {
        uint next = (step + 1u) & 1u;
        [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
            uint l = e * 256u + t, i = l / BK;
            As[l % BK][i >> 2u][i & 3u] = ra[e];
        }
        [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
            Bs[2u * e + rowHalf][jj >> 2u][jj & 3u] = rb[e];
        }
        describeRows(next, k0 + BK, t);
        memoryBarrierShared();
        barrier();
        uint k1 = k0 + BK; // prefetch the next step while this one is multiplied
        if (k1 < p.k) {
            [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
                uint l = e * 256u + t, kk = k1 + l % BK, gi = m0 + l / BK;
                ra[e] = gi < p.m && kk < p.k ? wt[gi * p.k + kk] : 0.0;
            }
            [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
                ivec4 r = rows[next][2u * e + rowHalf];
                int iy = iy0 + r.y, ix = ix0 + r.z;
                bool ok = colOK && r.w != 0 && iy >= 0 && iy < p.h && ix >= 0 && ix < p.w;
                rb[e] = ok ? x[base + r.x] : 0.0;
            }
        }
        multiplyStep(acc);
        barrier(); // the step is consumed before the next one overwrites it
    }

    uint yCol[8];
    [[unroll]] for (uint q = 0u; q < 8u; q++) {
        uint cj = n0 + tileCol(q);
        yCol[q] = (cj / uint(ohw)) * p.m * uint(ohw) + cj % uint(ohw);
    }
    [[unroll]] for (uint r = 0u; r < 4u; r++) {
        uint gi = m0 + tileRow(r);
        if (gi >= p.m) continue;
        float b = p.hasBias != 0u ? bias[gi] : 0.0;
        [[unroll]] for (uint q = 0u; q < 8u; q++) {
            uint cj = n0 + tileCol(q);
            if (cj >= p.n) continue;
            float v = acc[r][q / 4u][q % 4u] + b;
            if (p.lo > v) v = p.lo;
            if (p.hi < v) v = p.hi;
            y[gi * uint(ohw) + yCol[q]] = v;
        }
    }
}
