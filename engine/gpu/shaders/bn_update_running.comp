#version 450
// PyTorch's running-statistics update (kernels.BatchNormUpdateRunning):
// rm = (1−m)·rm + m·μ; rv = (1−m)·rv + m·σ²·unbias, unbias = count/(count−1).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer BM { float bmean[]; };
layout(std430, set = 0, binding = 1) readonly buffer BV { float bvar[]; };
layout(std430, set = 0, binding = 2) buffer RM { float rmean[]; };
layout(std430, set = 0, binding = 3) buffer RV { float rvar[]; };
layout(push_constant) uniform Push { uint c; float momentum; float keep; float unbias; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.c) return;
    rmean[i] = p.keep * rmean[i] + p.momentum * bmean[i];
    rvar[i] = p.keep * rvar[i] + p.momentum * bvar[i] * p.unbias;
}
