#version 450
// Per-channel batch mean and biased variance of x (N, C, HW), two passes
// (Σx, then Σ(x−μ)²) like kernels.BatchNormStats, so a large mean does not
// cancel the variance away. One workgroup per channel.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Mean { float mean[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Var { float variance[]; };
layout(push_constant) uniform Push { uint n; uint c; uint hw; } p;

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
    float r = red[0];
    barrier(); // everyone has read red[0] before the next reduction reuses it
    return r;
}

void main() {
    uint ch = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (ch >= p.c) return;
    uint count = p.n * p.hw;
    float s = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < count; j += 256u) {
        uint img = j / p.hw;
        s += x[(img * p.c + ch) * p.hw + (j - img * p.hw)];
    }
    float mu = reduceSum(s) / float(count);
    float ss = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < count; j += 256u) {
        uint img = j / p.hw;
        float d = x[(img * p.c + ch) * p.hw + (j - img * p.hw)] - mu;
        ss += d * d;
    }
    float v = reduceSum(ss) / float(count);
    if (gl_LocalInvocationID.x == 0u) {
        mean[ch] = mu;
        variance[ch] = v;
    }
}
