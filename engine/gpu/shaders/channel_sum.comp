#version 450
// db[ch] = scale · Σ over n and hw of dy[n, ch, hw] for dy (N, C, HW): a bias
// gradient (scale 1) or a mean (C = 1, scale 1/count). One workgroup per
// channel, a tree reduction in shared memory.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 1) writeonly buffer DB { float db[]; };
layout(push_constant) uniform Push { uint n; uint c; uint hw; float scale; } p;

shared float red[256];

float reduceSum(float v) {
    uint t = gl_LocalInvocationID.x;
    red[t] = v;
    memoryBarrierShared();
    barrier();
    for (uint s = 128u; s > 0u; s >>= 1) {
        if (t < s) red[t] += red[t + s];
        memoryBarrierShared();
        barrier();
    }
    return red[0];
}

void main() {
    uint ch = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (ch >= p.c) return; // uniform per workgroup: no barrier is skipped by part of it
    uint count = p.n * p.hw;
    float acc = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < count; j += 256u) {
        uint img = j / p.hw;
        acc += dy[(img * p.c + ch) * p.hw + (j - img * p.hw)];
    }
    float total = reduceSum(acc);
    if (gl_LocalInvocationID.x == 0u) db[ch] = total * p.scale;
}
