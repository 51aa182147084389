#version 450
// y = min(max(x, lo), hi) elementwise; NaN stays NaN (comparisons with NaN
// are false), as in kernels.Clamp.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push { uint n; float lo; float hi; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    float v = x[i];
    if (p.lo > v) v = p.lo;
    if (p.hi < v) v = p.hi;
    y[i] = v;
}
