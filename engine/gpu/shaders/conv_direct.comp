#version 450
// Direct grouped convolution (depthwise included): x (N, C, H, W),
// w (OutC, C/groups, KH, KW) → y (N, OutC, OH, OW) = clamp(x ⋆ w + bias, lo, hi).
// One invocation per output element; hasBias 0 ignores the bias binding.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer W { float wt[]; };
layout(std430, set = 0, binding = 2) readonly buffer B { float bias[]; };
layout(std430, set = 0, binding = 3) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push {
    uint n; int c; int h; int w; int outc; int kh; int kw; int sh; int sw;
    int ph; int pw; int dh; int dw; int oh; int ow; int groups;
    uint hasBias; float lo; float hi;
} p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint ohw = uint(p.oh * p.ow);
    uint plane = i / ohw;
    int o = int(i - plane * ohw);
    uint img = plane / uint(p.outc);
    int oc = int(plane - img * uint(p.outc));
    int r = o / p.ow, s = o - r * p.ow;
    int cg = p.c / p.groups;
    int c0 = (oc / (p.outc / p.groups)) * cg;
    float sum = 0.0;
    for (int ic = 0; ic < cg; ic++) {
        uint xPlane = (img * uint(p.c) + uint(c0 + ic)) * uint(p.h * p.w);
        uint wBase = uint((oc * cg + ic) * p.kh * p.kw);
        for (int ki = 0; ki < p.kh; ki++) {
            int ih = r * p.sh - p.ph + ki * p.dh;
            if (ih < 0 || ih >= p.h) continue;
            for (int kj = 0; kj < p.kw; kj++) {
                int iw = s * p.sw - p.pw + kj * p.dw;
                if (iw < 0 || iw >= p.w) continue;
                sum += x[xPlane + uint(ih * p.w + iw)] * wt[wBase + uint(ki * p.kw + kj)];
            }
        }
    }
    if (p.hasBias != 0u) sum += bias[oc];
    if (p.lo > sum) sum = p.lo;
    if (p.hi < sum) sum = p.hi;
    y[i] = sum;
}
