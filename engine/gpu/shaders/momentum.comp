#version 450
// gorgonia.Momentum's step in place: v = v·momentum + g·(−lr); w += v.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) buffer W { float w[]; };
layout(std430, set = 0, binding = 1) readonly buffer G { float g[]; };
layout(std430, set = 0, binding = 2) buffer V { float v[]; };
layout(push_constant) uniform Push { uint n; float negLR; float momentum; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    float nv = v[i] * p.momentum + g[i] * p.negLR;
    v[i] = nv;
    w[i] += nv;
}
