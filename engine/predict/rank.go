package predict

import (
	"math"
	"sort"
)

// Guess is one ranked class.
type Guess struct {
	Label string  `json:"label"`
	Index int     `json:"index"`
	Prob  float64 `json:"prob"`
}

// Softmax turns logits into probabilities (computed in float64, shifted by
// the maximum for stability).
func Softmax(logits []float32) []float64 {
	m := math.Inf(-1)
	for _, v := range logits {
		m = math.Max(m, float64(v))
	}
	p := make([]float64, len(logits))
	var sum float64
	for i, v := range logits {
		p[i] = math.Exp(float64(v) - m)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// Top returns the k most probable classes, most probable first.
func Top(probs []float64, labels []string, k int) []Guess {
	idx := make([]int, len(probs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return probs[idx[a]] > probs[idx[b]] })
	k = min(k, len(idx))
	out := make([]Guess, k)
	for i, j := range idx[:k] {
		out[i] = Guess{Label: labels[j], Index: j, Prob: probs[j]}
	}
	return out
}
