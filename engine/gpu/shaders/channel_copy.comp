#version 450
// Copies the channels of a small tensor s (N, cs, HW) to or from channels
// [off, off+cs) of a big tensor (N, cd, HW): concatenation along channels
// (extract 0: big ← s) and its backward, the split (extract 1: s ← big).
// One invocation per element of s.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) buffer S { float s[]; };
layout(std430, set = 0, binding = 1) buffer Big { float big[]; };
layout(push_constant) uniform Push { uint n; uint cs; uint cd; uint hw; uint off; uint extract; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint plane = p.cs * p.hw;
    uint img = i / plane;
    uint r = i - img * plane;
    uint j = (img * p.cd + p.off) * p.hw + r;
    if (p.extract != 0u) {
        s[i] = big[j];
    } else {
        big[j] = s[i];
    }
}
