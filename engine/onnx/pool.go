package onnx

import (
	"fmt"

	"transferlab/engine/models"
)

// AdaptiveAvgPool is GlobalAveragePool for one output cell and nothing when
// the map already has the output's size (AlexNet and VGG at 224 pixels).
// Other sizes have uneven windows, which no ONNX pooling op has; adaptive
// average pooling is linear and separable, so it is two MatMuls with
// averaging matrices: A_h · x · A_wᵀ.
func (g *graph) AdaptiveAvgPool(a models.AdaptiveAvgPool, x models.Value) (models.Value, error) {
	v, err := in(x)
	if err != nil {
		return nil, err
	}
	if len(v.shape) != 4 {
		return nil, fmt.Errorf("adaptive average pool expects (N, C, H, W), got %v", v.shape)
	}
	n, c, h, w, s := v.shape[0], v.shape[1], v.shape[2], v.shape[3], a.Size
	switch {
	case h == s && w == s:
		return v, nil
	case s == 1:
		return g.node("GlobalAveragePool", []string{v.name}, []int{n, c, 1, 1}), nil
	}
	wt := g.constant(fmt.Sprintf("adaptive_pool_%d_to_%d_t", w, s), []int{w, s}, transpose(averaging(w, s), s, w))
	y := g.node("MatMul", []string{v.name, wt}, []int{n, c, h, s})
	ah := g.constant(fmt.Sprintf("adaptive_pool_%d_to_%d", h, s), []int{s, h}, averaging(h, s))
	return g.node("MatMul", []string{ah, y.name}, []int{n, c, s, s}), nil
}

// averaging is the (out, in) matrix of torch's adaptive average pooling
// along one axis: row i averages inputs ⌊i·in/out⌋ to ⌈(i+1)·in/out⌉ − 1.
func averaging(in, out int) []float32 {
	m := make([]float32, out*in)
	for i := range out {
		start, end := i*in/out, ((i+1)*in+out-1)/out
		for j := start; j < end; j++ {
			m[i*in+j] = 1 / float32(end-start)
		}
	}
	return m
}

// transpose returns the (cols, rows) transpose of a row-major (rows, cols)
// matrix.
func transpose(m []float32, rows, cols int) []float32 {
	t := make([]float32, len(m))
	for r := range rows {
		for c := range cols {
			t[c*rows+r] = m[r*cols+c]
		}
	}
	return t
}
