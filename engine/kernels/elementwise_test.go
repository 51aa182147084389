package kernels

import (
	"math"
	"testing"
)

func TestClampAndBackward(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	x := []float32{-2, 0, 0.5, 6, 7, nan}
	dy := []float32{1, 2, 3, 4, 5, 6}
	y, dx := make([]float32, 6), make([]float32, 6)

	Clamp(x, 0, inf, y) // ReLU
	assertClose(t, "relu", y, []float32{0, 0, 0.5, 6, 7, nan}, 0)
	ClampBackward(x, dy, 0, inf, dx)
	assertClose(t, "relu'", dx, []float32{0, 0, 3, 4, 5, 6}, 0)

	Clamp(x, 0, 6, y) // ReLU6
	assertClose(t, "relu6", y, []float32{0, 0, 0.5, 6, 6, nan}, 0)
	ClampBackward(x, dy, 0, 6, dx)
	assertClose(t, "relu6'", dx, []float32{0, 0, 3, 0, 0, 6}, 0)
}

func TestChannelBiasAndSum(t *testing.T) {
	// x is (2, 3, 2): channel c of image n holds 10n + c, twice.
	x := []float32{0, 0, 1, 1, 2, 2, 10, 10, 11, 11, 12, 12}
	y := make([]float32, 12)
	AddChannelBias(2, 3, 2, x, []float32{100, 200, 300}, y)
	assertClose(t, "y", y, []float32{100, 100, 201, 201, 302, 302, 110, 110, 211, 211, 312, 312}, 0)
	db := []float32{9, 9, 9}
	ChannelSum(2, 3, 2, x, db)
	assertClose(t, "db", db, []float32{20, 24, 28}, 0)
}
