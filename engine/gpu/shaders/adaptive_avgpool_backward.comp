#version 450
// dx of adaptive average pooling, gathered: each input element (one
// invocation) sums dy/area over the bins that contain it (bins may overlap).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 1) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push { uint n; uint h; uint w; uint oh; uint ow; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint k = i % (p.h * p.w);
    uint out0 = (i / (p.h * p.w)) * p.oh * p.ow;
    uint hh = k / p.w, ww = k % p.w;
    float sum = 0.0;
    for (uint r = 0u; r < p.oh; r++) {
        uint h0 = r * p.h / p.oh, h1 = ((r + 1u) * p.h + p.oh - 1u) / p.oh;
        if (hh < h0 || hh >= h1) continue;
        for (uint s = 0u; s < p.ow; s++) {
            uint w0 = s * p.w / p.ow, w1 = ((s + 1u) * p.w + p.ow - 1u) / p.ow;
            if (ww < w0 || ww >= w1) continue;
            sum += dy[out0 + r * p.ow + s] / float((h1 - h0) * (w1 - w0));
        }
    }
    dx[i] = sum;
}
