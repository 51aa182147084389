#version 450
// y[i] = value for i < n: Zeros without a host upload.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push { uint n; float value; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i < p.n) y[i] = p.value;
}
