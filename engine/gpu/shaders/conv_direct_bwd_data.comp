#version 450
// dx (N, C, H, W) of a direct grouped convolution from dy (N, OutC, OH, OW)
// and w (OutC, C/groups, KH, KW), gathered: one invocation per dx element
// sums over the output channels of its group and the kernel taps that read it.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 1) readonly buffer W { float wt[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push {
    uint n; int c; int h; int w; int outc; int kh; int kw; int sh; int sw;
    int ph; int pw; int dh; int dw; int oh; int ow; int groups;
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
    int cg = p.c / p.groups, og = p.outc / p.groups;
    int g = ch / cg, icl = ch - g * cg;
    float sum = 0.0;
    for (int ki = 0; ki < p.kh; ki++) {
        int t = ih + p.ph - ki * p.dh;
        if (t < 0 || t % p.sh != 0 || t / p.sh >= p.oh) continue;
        int r = t / p.sh;
        for (int kj = 0; kj < p.kw; kj++) {
            int u = iw + p.pw - kj * p.dw;
            if (u < 0 || u % p.sw != 0 || u / p.sw >= p.ow) continue;
            int s = u / p.sw;
            for (int ol = 0; ol < og; ol++) {
                int oc = g * og + ol;
                float d = dy[((img * uint(p.outc) + uint(oc)) * uint(p.oh) + uint(r)) * uint(p.ow) + uint(s)];
                sum += d * wt[uint(((oc * cg + icl) * p.kh + ki) * p.kw + kj)];
            }
        }
    }
    dx[i] = sum;
}
