#version 450
// dx of max pooling, gathered: each input element (one invocation) sums the
// dy of the windows that cover it and recorded it as their winner in am, so
// overlapping windows need no atomics (kernels.MaxPool2dBackward).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 1) readonly buffer AM { int am[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push {
    uint n; int h; int w; int oh; int ow;
    int kh; int kw; int sh; int sw; int ph; int pw;
} p;

// firstWindow is the first window start (index r with r·s − pad + k > x)
// that can cover coordinate x.
int firstWindow(int x, int k, int s, int pad) {
    int lo = x + pad - k + 1;
    return lo <= 0 ? 0 : (lo + s - 1) / s;
}

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    int k = int(i % uint(p.h * p.w));
    uint nc = i / uint(p.h * p.w);
    int hh = k / p.w, ww = k - hh * p.w;
    int r1 = min((hh + p.ph) / p.sh, p.oh - 1);
    int s1 = min((ww + p.pw) / p.sw, p.ow - 1);
    float sum = 0.0;
    for (int r = firstWindow(hh, p.kh, p.sh, p.ph); r <= r1; r++) {
        for (int s = firstWindow(ww, p.kw, p.sw, p.pw); s <= s1; s++) {
            uint o = nc * uint(p.oh * p.ow) + uint(r * p.ow + s);
            if (am[o] == k) sum += dy[o];
        }
    }
    dx[i] = sum;
}
