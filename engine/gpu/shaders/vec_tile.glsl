// The 64×128 tile shared by gemm_vec.comp and the implicit convolutions
// (conv_gemm.comp, conv_gemm_dw.comp, conv_gemm_dx.comp). Each includes this
// file after declaring its push constants, whose first two members are m
// and n (C's size), and then defines tile(m0, n0).
//
// Each 16×16 workgroup computes a 64×128 tile of C stepping k by BK through
// shared memory; invocation (tx, ty) owns rows ty·4 + {0..3} and columns
// tx·4 + {0..3} and 64 + tx·4 + {0..3}, so one 16-byte shared load brings
// four values of A or B. Each shader loads the next k step into registers
// before multiplying the current one (register prefetch), to hide the
// global loads' latency. On an NVIDIA H200 this layout ran products at
// 20–27 TFLOP/s where gemm.comp's ran them at 12–17; builds with 128×128
// tiles (8×8 values per invocation) ran at 1–2 TFLOP/s in both layouts
// there, so there are none (docs/gpu-tuning.md).
#define BM 64
#define BN 128
#define BK 16
#define A_LOADS (BM * BK / 256)
#define B_LOADS (BK * BN / 256)

layout(local_size_x = 16, local_size_y = 16) in;

// Rows of four floats; one padding vec4 per k row spreads the scalar stores
// of a transposed load over the banks while keeping the reads 16-byte
// aligned. As[kk][i/4][i%4] holds A(k0 + kk, m0 + i), Bs[kk][j/4][j%4]
// holds B(k0 + kk, n0 + j).
shared vec4 As[BK][BM / 4 + 1];
shared vec4 Bs[BK][BN / 4 + 1];

// tileRow and tileCol are the offsets in the tile of this invocation's
// value r (0..3) and q (0..7).
uint tileRow(uint r) { return gl_LocalInvocationID.y * 4u + r; }
uint tileCol(uint q) { return (q / 4u) * 64u + gl_LocalInvocationID.x * 4u + q % 4u; }

void clearTile(out vec4 acc[4][2]) {
    [[unroll]] for (uint r = 0u; r < 4u; r++) {
        acc[r][0] = vec4(0.0);
        acc[r][1] = vec4(0.0);
    }
}

// multiplyStep adds the step in As and Bs to this invocation's values;
// acc[r][h][q] is C at row tileRow(r), column tileCol(4h + q).
void multiplyStep(inout vec4 acc[4][2]) {
    uint tx = gl_LocalInvocationID.x, ty = gl_LocalInvocationID.y;
    [[unroll]] for (uint kk = 0u; kk < BK; kk++) {
        vec4 av = As[kk][ty];
        vec4 b0 = Bs[kk][tx], b1 = Bs[kk][16u + tx];
        [[unroll]] for (uint r = 0u; r < 4u; r++) {
            acc[r][0] += av[r] * b0;
            acc[r][1] += av[r] * b1;
        }
    }
}

void tile(uint m0, uint n0);

void main() {
    uint tilesM = (p.m + BM - 1u) / BM, tilesN = (p.n + BN - 1u) / BN;
    // Grid-stride over tiles, so any m and n fit the 65535-workgroup limit.
    for (uint tm = gl_WorkGroupID.y; tm < tilesM; tm += gl_NumWorkGroups.y) {
        for (uint tn = gl_WorkGroupID.x; tn < tilesN; tn += gl_NumWorkGroups.x) {
            tile(tm * BM, tn * BN);
        }
    }
}
