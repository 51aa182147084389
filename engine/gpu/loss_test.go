package gpu

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"transferlab/engine/kernels"
)

// TestSoftmaxCrossEntropy checks the mean loss and dlogits against
// engine/kernels, with rows shorter and longer than a workgroup.
func TestSoftmaxCrossEntropy(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(10))
	for _, s := range [][2]int{{3, 7}, {5, 300}} {
		n, k := s[0], s[1]
		t.Run(fmt.Sprint(s), func(t *testing.T) {
			zs := randn(r, n*k)
			for i := range zs {
				zs[i] *= 10 // spread the probabilities
			}
			labels, lf := make([]int, n), make([]float32, n)
			for i := range labels {
				labels[i] = r.Intn(k)
				lf[i] = float32(labels[i])
			}
			loss, dz, err := d.SoftmaxCrossEntropy(upload(t, d, zs, n, k), upload(t, d, lf, n))
			must(t, err, loss, dz)
			want, err := kernels.SoftmaxCrossEntropy(n, k, zs, labels)
			if err != nil {
				t.Fatal(err)
			}
			expectShape(t, "loss", loss, 1)
			expectClose(t, d, "loss", loss, []float32{want})
			wantDZ := make([]float32, n*k)
			if err := kernels.SoftmaxCrossEntropyBackward(n, k, zs, labels, 1, wantDZ); err != nil {
				t.Fatal(err)
			}
			expectShape(t, "dlogits", dz, n, k)
			expectClose(t, d, "dlogits", dz, wantDZ)
		})
	}
	t.Run("bad label", func(t *testing.T) {
		loss, dz, err := d.SoftmaxCrossEntropy(upload(t, d, []float32{1, 2, 3, 4}, 2, 2), upload(t, d, []float32{1, 2}, 2))
		must(t, err, loss, dz)
		if v := download(t, d, loss); !math.IsNaN(float64(v[0])) {
			t.Errorf("loss with a label outside the classes = %v, want NaN", v[0])
		}
	})
}
