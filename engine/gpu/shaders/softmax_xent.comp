#version 450
// Softmax cross-entropy of logits (N, K) against labels (N, class indices as
// floats), one workgroup per row: rowloss[row] = logΣexp(z) − z[label] and
// dlogits[row] = (softmax(z) − onehot(label))/N. A label outside [0, K)
// makes the row's loss and gradient NaN (the host cannot check device data).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer Z { float z[]; };
layout(std430, set = 0, binding = 1) readonly buffer L { float labels[]; };
layout(std430, set = 0, binding = 2) writeonly buffer DZ { float dz[]; };
layout(std430, set = 0, binding = 3) writeonly buffer RL { float rowloss[]; };
layout(push_constant) uniform Push { uint n; uint k; } p;

shared float red[256];

// reduce combines v over the workgroup with max (op 0) or + (op 1).
float reduce(float v, uint op) {
    uint t = gl_LocalInvocationID.x;
    red[t] = v;
    memoryBarrierShared();
    barrier();
    for (uint s = 128u; s > 0u; s >>= 1) {
        if (t < s) red[t] = op == 0u ? max(red[t], red[t + s]) : red[t] + red[t + s];
        memoryBarrierShared();
        barrier();
    }
    float r = red[0];
    barrier();
    return r;
}

void main() {
    uint row = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    if (row >= p.n) return;
    uint base = row * p.k;
    float m = uintBitsToFloat(0xff800000u); // −Inf
    for (uint j = gl_LocalInvocationID.x; j < p.k; j += 256u) m = max(m, z[base + j]);
    m = reduce(m, 0u);
    float s = 0.0;
    for (uint j = gl_LocalInvocationID.x; j < p.k; j += 256u) s += exp(z[base + j] - m);
    s = reduce(s, 1u);
    float lbl = labels[row];
    bool ok = lbl >= 0.0 && lbl < float(p.k) && lbl == floor(lbl);
    uint label = ok ? uint(lbl) : 0u;
    float nan = uintBitsToFloat(0x7fc00000u);
    float f = 1.0 / float(p.n);
    for (uint j = gl_LocalInvocationID.x; j < p.k; j += 256u) {
        float g = f * (exp(z[base + j] - m) / s);
        if (j == label) g -= f;
        dz[base + j] = ok ? g : nan;
    }
    if (gl_LocalInvocationID.x == 0u) rowloss[row] = ok ? m + log(s) - z[base + label] : nan;
}
