#version 450
#extension GL_GOOGLE_include_directive : require
// gemm.comp with 128×128 tiles, 8×8 values of C per invocation: more
// arithmetic per shared-memory load, for products with enough tiles to fill
// the GPU anyway.
#define TM 8
#define TN 8
#include "gemm.glsl"
