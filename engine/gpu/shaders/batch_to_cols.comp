#version 450
// Reorders a chunk of images of src (images, R, P) starting at element srcOff
// into dst (R, images·P): the layout of a GEMM operand whose columns span
// images (e.g. dy (N, OutC, OH·OW) → (OutC, N·OH·OW) for the weight gradient).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer S { float src[]; };
layout(std430, set = 0, binding = 1) writeonly buffer D { float dst[]; };
layout(push_constant) uniform Push { uint n; uint r; uint p; uint cols; uint srcOff; } p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    uint row = i / p.cols;
    uint j = i - row * p.cols;
    uint img = j / p.p;
    dst[i] = src[p.srcOff + (img * p.r + row) * p.p + (j - img * p.p)];
}
