package models

import (
	"math"
	"math/rand"

	"transferlab/engine/weights"
)

// RandomInit draws fresh values for a from-scratch network (case 4), the way
// torchvision initialises its models: convolutions Kaiming-normal with
// fan_out (out channels x kernel area) for ReLU, linear layers normal with
// std 0.01, biases zero, BatchNorm γ=1, β=0, running mean 0 and variance 1.
func RandomInit(params []Param, rng *rand.Rand) weights.StateDict {
	sd := make(weights.StateDict, len(params))
	for _, p := range params {
		v := make([]float32, p.Size())
		switch p.Kind {
		case Weight:
			std := 0.01
			if len(p.Shape) == 4 {
				std = math.Sqrt(2 / float64(p.Shape[0]*p.Shape[2]*p.Shape[3]))
			}
			for i := range v {
				v[i] = float32(rng.NormFloat64() * std)
			}
		case NormScale, RunningVar:
			for i := range v {
				v[i] = 1
			}
		}
		sd[p.Name] = &weights.Tensor{Shape: p.Shape, Data: v}
	}
	return sd
}
