#version 450
// dx of a batch norm over x (N, C, HW) given the sums dγ = Σ dy·x̂ and
// dβ = Σ dy (kernels.BatchNormBackwardFromSums):
//   training: dx = γ·is·(dy − dβ/count − (x−μ)·is·dγ/count), is = 1/√(σ²+ε)
//   eval:     dx = γ·is·dy
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) readonly buffer DY { float dy[]; };
layout(std430, set = 0, binding = 2) readonly buffer Mean { float mean[]; };
layout(std430, set = 0, binding = 3) readonly buffer Var { float variance[]; };
layout(std430, set = 0, binding = 4) readonly buffer Gamma { float gamma[]; };
layout(std430, set = 0, binding = 5) readonly buffer DG { float dgamma[]; };
layout(std430, set = 0, binding = 6) readonly buffer DB { float dbeta[]; };
layout(std430, set = 0, binding = 7) writeonly buffer DX { float dx[]; };
layout(push_constant) uniform Push { uint n; uint c; uint hw; float eps; uint training; float count; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint ch = (i / p.hw) % p.c;
    float is = 1.0 / sqrt(variance[ch] + p.eps);
    float scale = gamma[ch] * is;
    if (p.training == 0u) {
        dx[i] = scale * dy[i];
        return;
    }
    float b = -scale * is * (dgamma[ch] / p.count);
    float c0 = -scale * (dbeta[ch] / p.count);
    dx[i] = scale * dy[i] + b * (x[i] - mean[ch]) + c0;
}
