#version 450
// Adaptive average pooling of N·C planes H×W into OH×OW with PyTorch's bins:
// output row r averages input rows ⌊r·H/OH⌋ … ⌈(r+1)·H/OH⌉−1 (columns alike).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push { uint n; uint h; uint w; uint oh; uint ow; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint o = i % (p.oh * p.ow);
    uint plane = (i / (p.oh * p.ow)) * p.h * p.w;
    uint r = o / p.ow, s = o % p.ow;
    uint h0 = r * p.h / p.oh, h1 = ((r + 1u) * p.h + p.oh - 1u) / p.oh;
    uint w0 = s * p.w / p.ow, w1 = ((s + 1u) * p.w + p.ow - 1u) / p.ow;
    float sum = 0.0;
    for (uint hh = h0; hh < h1; hh++) {
        for (uint ww = w0; ww < w1; ww++) sum += x[plane + hh * p.w + ww];
    }
    y[i] = sum / float((h1 - h0) * (w1 - w0));
}
