package gpu

import (
	"math"
	"math/rand"
	"testing"
)

// TestMomentum runs three steps against gorgonia's rule in float64.
func TestMomentum(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(11))
	const n, lr, mom = 517, 0.05, 0.9
	ws, vs := randn(r, n), randn(r, n)
	w, v := upload(t, d, ws, n), upload(t, d, vs, n)
	w64, v64 := widen(ws), widen(vs)
	for step := 1; step <= 3; step++ {
		gs := randn(r, n)
		if err := d.Momentum(w, upload(t, d, gs, n), v, lr, mom); err != nil {
			t.Fatal(err)
		}
		for i, g := range gs {
			v64[i] = mom*v64[i] - lr*float64(g)
			w64[i] += v64[i]
		}
	}
	expectClose(t, d, "w", w, narrow(w64))
	expectClose(t, d, "v", v, narrow(v64))
}

// TestAdam runs three steps against gorgonia's rule in float64.
func TestAdam(t *testing.T) {
	d := device(t)
	r := rand.New(rand.NewSource(12))
	const n, lr, b1, b2, eps = 517, 0.01, 0.9, 0.999, 1e-8
	ws := randn(r, n)
	w, m, v := upload(t, d, ws, n), upload(t, d, make([]float32, n), n), upload(t, d, make([]float32, n), n)
	w64, m64, v64 := widen(ws), make([]float64, n), make([]float64, n)
	for step := 1; step <= 3; step++ {
		gs := randn(r, n)
		if err := d.Adam(w, upload(t, d, gs, n), m, v, lr, b1, b2, eps, step); err != nil {
			t.Fatal(err)
		}
		c1, c2 := 1-math.Pow(b1, float64(step)), 1-math.Pow(b2, float64(step))
		for i, g32 := range gs {
			g := float64(g32)
			m64[i] = b1*m64[i] + (1-b1)*g
			v64[i] = b2*v64[i] + (1-b2)*g*g
			w64[i] -= lr * (m64[i] / c1) / (math.Sqrt(v64[i]/c2) + eps)
		}
	}
	expectClose(t, d, "w", w, narrow(w64))
	expectClose(t, d, "m", m, narrow(m64))
	expectClose(t, d, "v", v, narrow(v64))
	if err := d.Adam(w, w, m, v, lr, b1, b2, eps, 0); err == nil {
		t.Error("Adam accepted step 0")
	}
}

func widen(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

func narrow(v []float64) []float32 {
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(x)
	}
	return out
}
