#version 450
// Per channel of x, dy (N, C, HW): dβ = Σ dy and dγ = Σ dy·x̂ with
// x̂ = (x − μ)/√(σ²+ε), the reductions every batch-norm gradient needs
// (kernels.BatchNormSums). One workgroup per channel.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 2) readonly buffer Mean { float mean[]; };
layout(std430, set = 0, binding = 3) readonly buffer Var { float variance[]; };
layout(std430, set = 0, binding = 4) writeonly buffer DG { float dgamma[]; };
layout(std430, set = 0, binding = 5) writeonly buffer DB { float dbeta[]; };
layout(push_constant) uniform Push { uint n; uint c; uint hw; float eps; } p;

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
    barrier();
    return r;
}

void main() {
    uint ch = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (ch >= p.c) return;
    uint count = p.n * p.hw;
    float mu = mean[ch];
    float sd = 0.0, sdx = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < count; j += 256u) {
        uint img = j / p.hw;
        uint k = (img * p.c + ch) * p.hw + (j - img * p.hw);
        float d = dy[k];
        sd += d;
        sdx += d * (x[k] - mu);
    }
    float sumDy = reduceSum(sd);
    float sumDyXc = reduceSum(sdx);
    if (gl_LocalInvocationID.x == 0u) {
        dbeta[ch] = sumDy;
        dgamma[ch] = sumDyXc * (1.0 / sqrt(variance[ch] + p.eps));
    }
}
