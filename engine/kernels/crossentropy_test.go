package kernels

import (
	"math"
	"math/rand"
	"testing"
)

func TestSoftmaxCrossEntropyValues(t *testing.T) {
	// Row 1: log(e+e²+e³) − 3 = 0.40760596. Row 2: logits far apart must not
	// overflow: −log softmax([1000, 0])[1] = 1000. Mean = 500.20380298.
	loss, err := SoftmaxCrossEntropy(2, 3, []float32{1, 2, 3, 1000, 0, -5}, []int{2, 1})
	if err != nil {
		t.Fatal(err)
	}
	want := (math.Log(math.E+math.Exp(2)+math.Exp(3)) - 3 + 1000) / 2
	if math.Abs(float64(loss)-want) > 1e-4 {
		t.Fatalf("loss = %v, want %v", loss, want)
	}
}

func TestSoftmaxCrossEntropyGradient(t *testing.T) {
	const n, k = 5, 7
	rng := rand.New(rand.NewSource(9))
	logits := randSlice(rng, n*k)
	for i := range logits {
		logits[i] *= 4
	}
	labels := []int{0, 6, 3, 3, 1}
	l64 := to64(logits)
	loss := func() float64 {
		var s float64
		for i := range n {
			var z float64
			for j := range k {
				z += math.Exp(l64[i*k+j])
			}
			s += math.Log(z) - l64[i*k+labels[i]]
		}
		return 0.5 * s / n // the upstream scale below
	}
	d := make([]float32, n*k)
	if err := SoftmaxCrossEntropyBackward(n, k, logits, labels, 0.5, d); err != nil {
		t.Fatal(err)
	}
	assertClose(t, "dlogits", d, numGrad(l64, loss), 1e-5)
}

func TestSoftmaxCrossEntropyRejectsBadLabels(t *testing.T) {
	for _, labels := range [][]int{{3}, {-1}, {}} {
		if _, err := SoftmaxCrossEntropy(1, 3, []float32{1, 2, 3}, labels); err == nil {
			t.Errorf("labels %v accepted for 3 classes", labels)
		}
	}
}
