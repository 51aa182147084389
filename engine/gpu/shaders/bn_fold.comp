#version 450
// Folds an inference-mode batch norm into the convolution before it:
// w2 = w·a and b2 = (b − μ)·a + β per output channel, a = γ/√(σ²+ε), so
// conv(x, w2) + b2 = bn(conv(x, w) + b) — one pass over the activations
// instead of two. w is (OutC, per); hasBias 0 reads b as zeros. One
// invocation per weight; the first of each channel writes b2.
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer W { float w[]; };
layout(std430, set = 0, binding = 1) readonly buffer B { float b[]; };
layout(std430, set = 0, binding = 2) readonly buffer Mean { float mean[]; };
layout(std430, set = 0, binding = 3) readonly buffer Var { float variance[]; };
layout(std430, set = 0, binding = 4) readonly buffer Gamma { float gamma[]; };
layout(std430, set = 0, binding = 5) readonly buffer Beta { float beta[]; };
layout(std430, set = 0, binding = 6) writeonly buffer W2 { float w2[]; };
layout(std430, set = 0, binding = 7) writeonly buffer B2 { float b2[]; };
layout(push_constant) uniform Push { uint n; uint per; uint hasBias; float eps; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint oc = i / p.per;
    float a = gamma[oc] * (1.0 / sqrt(variance[oc] + p.eps));
    w2[i] = w[i] * a;
    if (i == oc * p.per) {
        float bias = p.hasBias != 0u ? b[oc] : 0.0;
        b2[oc] = (bias - mean[oc]) * a + beta[oc];
    }
}
