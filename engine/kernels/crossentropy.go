package kernels

import (
	"fmt"
	"math"
)

// SoftmaxCrossEntropy returns the mean over the batch of
// −log softmax(logits[i])[labels[i]] for logits (n, k), computed in float64
// with the log-sum-exp shift so large logits neither overflow nor lose the
// small probabilities. It returns an error for a label outside [0, k).
func SoftmaxCrossEntropy(n, k int, logits []float32, labels []int) (float32, error) {
	if err := checkCrossEntropy(n, k, len(logits), labels); err != nil {
		return 0, err
	}
	var total float64
	for i := range n {
		row := logits[i*k : (i+1)*k]
		total += logSumExp(row) - float64(row[labels[i]])
	}
	return float32(total / float64(n)), nil
}

// SoftmaxCrossEntropyBackward writes dlogits = scale·(softmax(logits) − onehot(labels))/n,
// the gradient of scale × SoftmaxCrossEntropy; scale is the upstream gradient.
func SoftmaxCrossEntropyBackward(n, k int, logits []float32, labels []int, scale float32, dlogits []float32) error {
	if err := checkCrossEntropy(n, k, len(logits), labels); err != nil {
		return err
	}
	checkLen("SoftmaxCrossEntropyBackward", "dlogits", len(dlogits), n*k)
	f := float64(scale) / float64(n)
	for i := range n {
		row, dst := logits[i*k:(i+1)*k], dlogits[i*k:(i+1)*k]
		lse := logSumExp(row)
		for j, v := range row {
			dst[j] = float32(f * math.Exp(float64(v)-lse))
		}
		dst[labels[i]] -= float32(f)
	}
	return nil
}

// logSumExp is log Σ exp(v), shifted by the maximum for stability.
func logSumExp(row []float32) float64 {
	m := math.Inf(-1)
	for _, v := range row {
		m = math.Max(m, float64(v))
	}
	if math.IsInf(m, 0) {
		return m // all −∞ (or a +∞): the shift would produce NaN
	}
	var s float64
	for _, v := range row {
		s += math.Exp(float64(v) - m)
	}
	return m + math.Log(s)
}

func checkCrossEntropy(n, k, nLogits int, labels []int) error {
	if n < 1 || k < 1 {
		return fmt.Errorf("cross-entropy: logits (%d,%d) must have positive sizes", n, k)
	}
	checkLen("SoftmaxCrossEntropy", "logits", nLogits, n*k)
	if len(labels) < n {
		return fmt.Errorf("cross-entropy: %d labels for %d rows of logits", len(labels), n)
	}
	for i, l := range labels[:n] {
		if l < 0 || l >= k {
			return fmt.Errorf("cross-entropy: label %d of row %d is outside the %d classes", l, i, k)
		}
	}
	return nil
}
