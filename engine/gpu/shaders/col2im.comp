#version 450
// Folds dcol (K, cols) — the gradient of im2col's output for a chunk of
// images — back into dx (N, C, H, W), gathered: each dx element (one
// invocation) sums the col entries it was copied to, so no atomics are
// needed. dxOff is the chunk's first element in dx; n counts the chunk's
// elements.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer Col { float dcol[]; };
layout(std430, set = 0, binding = 1) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push {
    uint n; int c; int h; int w; int kh; int kw; int sh; int sw;
    int ph; int pw; int dh; int dw; int oh; int ow; uint cols; uint dxOff;
} p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint hw = uint(p.h * p.w);
    uint plane = i / hw;
    int k = int(i - plane * hw);
    uint img = plane / uint(p.c);
    int ch = int(plane - img * uint(p.c));
    int ih = k / p.w, iw = k - ih * p.w;
    uint colBase = img * uint(p.oh * p.ow);
    float sum = 0.0;
    for (int ki = 0; ki < p.kh; ki++) {
        int t = ih + p.ph - ki * p.dh;
        if (t < 0 || t % p.sh != 0) continue;
        int r = t / p.sh;
        if (r >= p.oh) continue;
        for (int kj = 0; kj < p.kw; kj++) {
            int u = iw + p.pw - kj * p.dw;
            if (u < 0 || u % p.sw != 0) continue;
            int s = u / p.sw;
            if (s >= p.ow) continue;
            uint row = uint((ch * p.kh + ki) * p.kw + kj);
            sum += dcol[row * p.cols + colBase + uint(r * p.ow + s)];
        }
    }
    dx[p.dxOff + i] = sum;
}
