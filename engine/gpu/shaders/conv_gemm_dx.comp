#version 450
#extension GL_EXT_control_flow_attributes : require
#extension GL_GOOGLE_include_directive : require
// A convolution's data gradient (groups == 1) as an implicit GEMM:
// dx (N, C, H, W) = wᵀ · dy gathered per input position, with gemm_vec.comp's
// 64×128 tiles and layout: row c of the product is an input channel,
// column j an input position (image, y, x), and the sum runs over
// (oc, ki, kj) — every output position whose window covered (y, x) through
// kernel tap (ki, kj): oy = (y + ph − ki·dh)/sh when that divides and lies
// in the output, likewise ox. Neither wᵀ·dy's unfolded matrix nor col2im's
// pass over it exists. Per k step sixteen invocations describe the step's
// sixteen (oc, ki, kj) in shared memory, one step ahead; each invocation's
// column is fixed per tile.

layout(std430, set = 0, binding = 0) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 1) readonly buffer Wt { float wt[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push {
    uint m;  // C
    uint n;  // N·H·W
    uint k;  // OutC·KH·KW
    int h; int w; int kh; int kw; int oh; int ow;
    int sh; int sw; int ph; int pw; int dh; int dw;
} p;

#include "vec_tile.glsl"

// taps[buf][r]: (oc, ki, kj) = row k0 + r of a step as (w's offset for
// channel 0: oc·C·KH·KW + ki·KW + kj, dy's plane offset oc·OH·OW, ki·dh,
// kj·dw), or (0, -1, 0, 0) past K. Two buffers, as in conv_gemm.comp.
shared ivec4 taps[2][BK];

void describeTaps(uint buf, uint k0, uint t) {
    if (t >= BK) return;
    uint kk = k0 + t;
    ivec4 r = ivec4(0, -1, 0, 0);
    if (kk < p.k) {
        int khw = p.kh * p.kw, q = int(kk);
        int oc = q / khw, rem = q - oc * khw;
        int ki = rem / p.kw, kj = rem - ki * p.kw;
        r = ivec4(oc * int(p.m) * khw + rem, oc * p.oh * p.ow, ki * p.dh, kj * p.dw);
    }
    taps[buf][t] = r;
}

// gradAt is dy at the output position whose window put the tap (offsets
// ki·dh, kj·dw) over padded input position (yp, xp), or 0.
float gradAt(int dyImg, int yp, int xp, ivec4 tap) {
    if (tap.y < 0) return 0.0;
    int sy = yp - tap.z, sx = xp - tap.w; // the output position times the stride
    if (sy < 0 || sx < 0) return 0.0;
    int oy = sy, ox = sx;
    if (p.sh != 1 || p.sw != 1) {
        oy = sy / p.sh;
        ox = sx / p.sw;
        if (oy * p.sh != sy || ox * p.sw != sx) return 0.0;
    }
    if (oy >= p.oh || ox >= p.ow) return 0.0;
    return dy[dyImg + tap.y + oy * p.ow + ox];
}

void load(uint buf, uint m0, uint t, bool colOK, int dyImg, int yp, int xp, out float ra[A_LOADS], out float rb[B_LOADS]) {
    int khw = p.kh * p.kw;
    ivec4 mine = taps[buf][t % BK];
    [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
        uint c = m0 + (e * 256u + t) / BK;
        ra[e] = c < p.m && mine.y >= 0 ? wt[mine.x + int(c) * khw] : 0.0;
    }
    [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
        rb[e] = colOK ? gradAt(dyImg, yp, xp, taps[buf][2u * e + t / BN]) : 0.0;
    }
}

void tile(uint m0, uint n0) {
    uint t = gl_LocalInvocationID.y * 16u + gl_LocalInvocationID.x;
    // This invocation's column: input position gj of the batch.
    uint jj = t % BN, gj = n0 + jj;
    int hw = p.h * p.w;
    int img = int(gj) / hw, pix = int(gj) - img * hw;
    int y = pix / p.w, x = pix - y * p.w;
    int yp = y + p.ph, xp = x + p.pw;
    int outC = int(p.k) / (p.kh * p.kw);
    int dyImg = img * outC * p.oh * p.ow;
    bool colOK = gj < p.n;

    float ra[A_LOADS], rb[B_LOADS];
    describeTaps(0u, 0u, t);
    memoryBarrierShared();
    barrier();
    load(0u, m0, t, colOK, dyImg, yp, xp, ra, rb);

    vec4 acc[4][2];
    clearTile(acc);
    uint step = 0u;
    for (uint k0 = 0u; k0 < p.k; k0 += BK, step++) {
        uint next = (step + 1u) & 1u;
        [[unroll]] for (uint e = 0u; e < A_LOADS; e++) {
            uint i = (e * 256u + t) / BK;
            As[t % BK][i >> 2u][i & 3u] = ra[e];
        }
        [[unroll]] for (uint e = 0u; e < B_LOADS; e++) {
            Bs[2u * e + t / BN][jj >> 2u][jj & 3u] = rb[e];
        }
        describeTaps(next, k0 + BK, t);
        memoryBarrierShared();
        barrier();
        if (k0 + BK < p.k) load(next, m0, t, colOK, dyImg, yp, xp, ra, rb); // while this step is multiplied
        multiplyStep(acc);
        barrier(); // the step is consumed before the next one overwrites it
    }

    [[unroll]] for (uint r = 0u; r < 4u; r++) {
        uint c = m0 + tileRow(r);
        if (c >= p.m) continue;
        [[unroll]] for (uint q = 0u; q < 8u; q++) {
            uint cj = n0 + tileCol(q);
            if (cj >= p.n) continue;
            uint im = cj / uint(hw);
            dx[(im * p.m + c) * uint(hw) + cj - im * uint(hw)] = acc[r][q / 4u][q % 4u];
        }
    }
}
