#version 450
// dx = dy where lo < x < hi (or x is NaN), else 0: kernels.ClampBackward.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push { uint n; float lo; float hi; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    float v = x[i];
    dx[i] = (v <= p.lo || v >= p.hi) ? 0.0 : dy[i];
}
