#version 450
#extension GL_GOOGLE_include_directive : require
// gemm.comp's product with gemm_vec.glsl's layout: 128×128 tiles, 8×8
// values of C per invocation read four at a time from shared memory.
#define TM 8
#define TN 8
#include "gemm_vec.glsl"
