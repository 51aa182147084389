#version 450
// Max pooling of x (N·C planes of H×W) into y (N·C planes of OH×OW), one
// invocation per output. Windows are clipped to the image (padding never
// wins). am records the winner's index within its H×W plane: the first
// maximum in row-major window order, or the last NaN (kernels.MaxPool2d).
layout(local_size_x = 256) in;
layout(std430, set = 0, binding = 0) readonly buffer X { float x[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Y { float y[]; };
layout(std430, set = 0, binding = 2) writeonly buffer AM { int am[]; };
layout(push_constant) uniform Push {
    uint n; int h; int w; int oh; int ow;
    int kh; int kw; int sh; int sw; int ph; int pw;
} p;

void main() {
    uint i = (gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x) * 256u + gl_LocalInvocationID.x;
    if (i >= p.n) return;
    int o = int(i % uint(p.oh * p.ow));
    uint plane = (i / uint(p.oh * p.ow)) * uint(p.h * p.w);
    int r = o / p.ow, s = o - r * p.ow;
    int h0 = r * p.sh - p.ph, w0 = s * p.sw - p.pw;
    int h1 = min(h0 + p.kh, p.h), w1 = min(w0 + p.kw, p.w);
    h0 = max(h0, 0);
    w0 = max(w0, 0);
    int at = h0 * p.w + w0;
    float best = x[plane + uint(at)];
    bool nan = isnan(best);
    for (int hh = h0; hh < h1; hh++) {
        for (int ww = w0; ww < w1; ww++) {
            int k = hh * p.w + ww;
            float v = x[plane + uint(k)];
            if (isnan(v)) {
                best = v;
                at = k;
                nan = true;
            } else if (!nan && v > best) {
                best = v;
                at = k;
            }
        }
    }
    y[i] = best;
    am[i] = at;
}
