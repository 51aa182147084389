#version 450
// y = op(a, b) elementwise. op 0: clamp(a + b, lo, hi) (kernels.AddClamp;
// lo = -Inf, hi = +Inf for a plain sum); op 1: a * b; op 2: a += b in place
// (y is not read or written; the result goes to a).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) buffer A { float a[]; };
layout(std430, set = 0, binding = 1) readonly buffer B { float b[]; };
layout(std430, set = 0, binding = 2) writeonly buffer Y { float y[]; };
layout(push_constant) uniform Push { uint n; uint op; float lo; float hi; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    if (p.op == 1u) {
        y[i] = a[i] * b[i];
        return;
    }
    float v = a[i] + b[i];
    if (p.op == 2u) {
        a[i] = v;
        return;
    }
    if (p.lo > v) v = p.lo;
    if (p.hi < v) v = p.hi;
    y[i] = v;
}
