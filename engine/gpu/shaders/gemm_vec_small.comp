#version 450
#extension GL_GOOGLE_include_directive : require
// gemm_vec.comp with 64×128 tiles (4×8 values per invocation), for products
// too small to fill a big GPU with 128×128 tiles.
#define TM 4
#define TN 8
#include "gemm_vec.glsl"
