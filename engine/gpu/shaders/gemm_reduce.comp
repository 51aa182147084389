#version 450
// Second half of a split-K GEMM (see gemm.comp): C = clamp(alpha·Σ_z part[z]
// + beta·C + bias, lo, hi), part holding `splits` plain m×n partial products
// one after another; C is addressed like gemm's (cOff, ldc, column groups
// cP, cS). One invocation per element of C.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer Part { float part[]; };
layout(std430, set = 0, binding = 1) buffer C { float c[]; };
layout(std430, set = 0, binding = 2) readonly buffer Bias { float bias[]; };
layout(push_constant) uniform Push {
    uint m; uint n; uint splits; uint ldc; uint cOff; uint cP; uint cS;
    float alpha; float beta; uint biasMode; float lo; float hi;
} p;

void main() {
    uint e = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (e >= p.m * p.n) return;
    uint i = e / p.n, j = e - i * p.n;
    float sum = 0.0;
    for (uint z = 0u; z < p.splits; z++) sum += part[z * p.m * p.n + e];
    uint idx = p.cOff + i * p.ldc + (j / p.cP) * p.cS + j % p.cP;
    float v = p.alpha * sum;
    if (p.beta != 0.0) v += p.beta * c[idx];
    if (p.biasMode == 1u) v += bias[i];
    else if (p.biasMode == 2u) v += bias[j];
    if (p.lo > v) v = p.lo;
    if (p.hi < v) v = p.hi;
    c[idx] = v;
}
