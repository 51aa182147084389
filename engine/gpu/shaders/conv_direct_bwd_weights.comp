#version 450
// dw (OutC, C/groups, KH, KW) of a direct grouped convolution over x
// (batch, C, H, W) and dy (batch, OutC, OH, OW): one workgroup per dw element
// reduces dy·x over the batch and every output position (batch·OH·OW terms)
// with a shared-memory tree; n counts the dw elements.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DW { float dw[]; };
layout(push_constant) uniform Push {
    uint n; uint batch; int c; int h; int w; int outc; int kh; int kw; int sh; int sw;
    int ph; int pw; int dh; int dw; int oh; int ow; int groups;
} p;

shared float red[256];

void main() {
    uint e = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (e >= p.n) return; // uniform per workgroup: the barriers below are reached by all or none
    int cg = p.c / p.groups, og = p.outc / p.groups;
    int khw = p.kh * p.kw;
    int oc = int(e) / (cg * khw);
    int rest = int(e) - oc * cg * khw;
    int icl = rest / khw;
    int ki = (rest - icl * khw) / p.kw;
    int kj = rest - icl * khw - ki * p.kw;
    int ch = (oc / og) * cg + icl;
    uint ohw = uint(p.oh * p.ow);
    uint count = p.batch * ohw;
    float acc = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < count; j += 256u) {
        uint img = j / ohw;
        int o = int(j - img * ohw);
        int r = o / p.ow, s = o - r * p.ow;
        int ih = r * p.sh - p.ph + ki * p.dh;
        int iw = s * p.sw - p.pw + kj * p.dw;
        if (ih < 0 || ih >= p.h || iw < 0 || iw >= p.w) continue;
        float xv = x[((img * uint(p.c) + uint(ch)) * uint(p.h) + uint(ih)) * uint(p.w) + uint(iw)];
        acc += xv * dy[(img * uint(p.outc) + uint(oc)) * ohw + uint(o)];
    }
    uint t = gl_LocalInvocationID.x;
    red[t] = acc;
    memoryBarrierShared();
    barrier();
    for (uint s = 128u; s > 0u; s >>= 1) {
        if (t < s) red[t] += red[t + s];
        memoryBarrierShared();
        barrier();
    }
    if (t == 0u) dw[e] = red[0];
}
