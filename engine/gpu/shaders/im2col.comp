#version 450
// Unfolds a chunk of images of x (N, C, H, W) into col (K, cols) with
// K = C·KH·KW and cols = images·OH·OW: col[(c·KH + i)·KW + j][img·OH·OW + r·OW + s]
// = x[img, c, r·sh − ph + i·dh, s·sw − pw + j·dw], 0 in the padding. One
// invocation per col element; xOff is the chunk's first element in x.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Col { float col[]; };
layout(push_constant) uniform Push {
    uint n; int c; int h; int w; int kh; int kw; int sh; int sw;
    int ph; int pw; int dh; int dw; int oh; int ow; uint cols; uint xOff;
} p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint row = i / p.cols;
    uint j = i - row * p.cols;
    uint ohw = uint(p.oh * p.ow);
    uint img = j / ohw;
    int o = int(j - img * ohw);
    int r = o / p.ow, s = o - r * p.ow;
    int khw = p.kh * p.kw;
    int ch = int(row) / khw;
    int kk = int(row) - ch * khw;
    int ki = kk / p.kw, kj = kk - ki * p.kw;
    int ih = r * p.sh - p.ph + ki * p.dh;
    int iw = s * p.sw - p.pw + kj * p.dw;
    float v = 0.0;
    if (ih >= 0 && ih < p.h && iw >= 0 && iw < p.w) {
        v = x[p.xOff + ((img * uint(p.c) + uint(ch)) * uint(p.h) + uint(ih)) * uint(p.w) + uint(iw)];
    }
    col[i] = v;
}
