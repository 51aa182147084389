#version 450
// gorgonia.AdamSolver's step in place, in its order of operations:
// m = m·β1 + g·(1−β1); v = v·β2 + g²·(1−β2);
// w += (m·c1·(−lr)) / (√(v·c2) + eps), c1 = 1/(1−β1ᵗ), c2 = 1/(1−β2ᵗ).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) buffer W { float w[]; };
layout(std430, set = 0, binding = 1) readonly buffer G { float g[]; };
layout(std430, set = 0, binding = 2) buffer M { float m[]; };
layout(std430, set = 0, binding = 3) buffer V { float v[]; };
layout(push_constant) uniform Push {
    uint n; float negLR; float beta1; float beta2; float omb1; float omb2;
    float eps; float c1; float c2;
} p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    float gi = g[i];
    float nm = m[i] * p.beta1 + gi * p.omb1;
    float nv = v[i] * p.beta2 + (gi * gi) * p.omb2;
    m[i] = nm;
    v[i] = nv;
    w[i] += ((nm * p.c1) * p.negLR) / (sqrt(nv * p.c2) + p.eps);
}
