package train

import (
	"math"

	"transferlab/engine/weights"
)

// standardiser maps each feature dimension to zero mean and unit variance
// over the training set: z = (x - mean) / std.
type standardiser struct{ mean, std []float64 }

func newStandardiser(xs [][]float32) standardiser {
	d := len(xs[0])
	s := standardiser{mean: make([]float64, d), std: make([]float64, d)}
	for _, x := range xs {
		for j, v := range x {
			s.mean[j] += float64(v)
		}
	}
	for j := range s.mean {
		s.mean[j] /= float64(len(xs))
	}
	for _, x := range xs {
		for j, v := range x {
			dv := float64(v) - s.mean[j]
			s.std[j] += dv * dv
		}
	}
	for j := range s.std {
		// A dimension constant over the training set (a dead ReLU channel)
		// gets std 1, so it stays constant instead of exploding.
		s.std[j] = math.Sqrt(s.std[j] / float64(max(len(xs)-1, 1)))
		if s.std[j] < 1e-6 {
			s.std[j] = 1
		}
	}
	return s
}

func (s standardiser) apply(xs [][]float32) [][]float32 {
	out := make([][]float32, len(xs))
	for i, x := range xs {
		out[i] = make([]float32, len(x))
		for j, v := range x {
			out[i][j] = float32((float64(v) - s.mean[j]) / s.std[j])
		}
	}
	return out
}

// fold rewrites a linear head trained on standardised features into one for
// raw features: W'[c][j] = W[c][j]/std[j], b'[c] = b[c] - Σj W'[c][j]·mean[j].
func (s standardiser) fold(sd weights.StateDict) weights.StateDict {
	w, b := sd[headPath+".weight"], sd[headPath+".bias"]
	d := len(s.mean)
	nw := &weights.Tensor{Shape: w.Shape, Data: make([]float32, len(w.Data))}
	nb := &weights.Tensor{Shape: b.Shape, Data: make([]float32, len(b.Data))}
	for c := range b.Data {
		bias := float64(b.Data[c])
		for j := 0; j < d; j++ {
			wj := float64(w.Data[c*d+j]) / s.std[j]
			nw.Data[c*d+j] = float32(wj)
			bias -= wj * s.mean[j]
		}
		nb.Data[c] = float32(bias)
	}
	return weights.StateDict{headPath + ".weight": nw, headPath + ".bias": nb}
}
