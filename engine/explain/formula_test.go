package explain

import (
	"hash/crc32"
	"math"
	"strings"

	"transferlab/engine/models"
	"transferlab/engine/weights"
)

// The deterministic "weights" that tools/goldens/explain/make_goldens.py
// computes identically in NumPy (the same formula as engine/models' golden
// tests, whose helpers are test-only there): an integer hash of the element
// index, seeded by the CRC-32 of the state_dict key.

// hashUniform returns n values in [-1, 1).
func hashUniform(n int, seed uint32) []float64 {
	v := make([]float64, n)
	for i := range v {
		h := uint32(i)*0x9E3779B1 + seed
		h ^= h >> 16
		h *= 0x85EBCA6B
		h ^= h >> 13
		h *= 0xC2B2AE35
		h ^= h >> 16
		v[i] = 2*float64(h>>8)/float64(1<<24) - 1
	}
	return v
}

// formulaValue fills one entry the way the golden script does.
func formulaValue(p models.Param) []float32 {
	v := hashUniform(p.Size(), crc32.ChecksumIEEE([]byte(p.Name)))
	out := make([]float32, len(v))
	for i, x := range v {
		switch {
		case strings.HasSuffix(p.Name, "num_batches_tracked"):
			x = 0
		case strings.HasSuffix(p.Name, "running_var"):
			x = 1 + 0.25*x
		case strings.HasSuffix(p.Name, "running_mean"), strings.HasSuffix(p.Name, "bias"):
			x = 0.1 * x
		case len(p.Shape) == 1:
			x = 1 + 0.1*x
		default:
			x *= math.Sqrt(6 / float64(p.Size()/p.Shape[0]))
		}
		out[i] = float32(x)
	}
	return out
}

func formulaStateDict(params []models.Param) weights.StateDict {
	sd := make(weights.StateDict, len(params))
	for _, p := range params {
		sd[p.Name] = &weights.Tensor{Shape: p.Shape, Data: formulaValue(p)}
	}
	return sd
}
