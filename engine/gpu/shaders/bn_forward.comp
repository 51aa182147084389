#version 450
// y = clamp(x·a + b, lo, hi) with a = γ/√(σ²+ε), b = β − μ·a per channel of
// x (N, C, HW): kernels.BatchNormForward with a fused ReLU/ReLU6.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer Mean { float mean[]; };
layout(std430, set = 0, binding = 2) readonly buffer Var { float variance[]; };
layout(std430, set = 0, binding = 3) readonly buffer Gamma { float gamma[]; };
layout(std430, set = 0, binding = 4) readonly buffer Beta { float beta[]; };
layout(std430, set = 0, binding = 5) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push { uint n; uint c; uint hw; float eps; float lo; float hi; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint ch = (i / p.hw) % p.c;
    float a = gamma[ch] * (1.0 / sqrt(variance[ch] + p.eps));
    float b = beta[ch] - mean[ch] * a;
    float v = x[i] * a + b;
    if (p.lo > v) v = p.lo;
    if (p.hi < v) v = p.hi;
    y[i] = v;
}
