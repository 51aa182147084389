//go:build !amd64 || purego

package kernels

func vecMaxArgmax3x3(ys []float32, idx []int32, rows []float32, half int, base [9]int32) (ok, special bool) {
	return false, false
}
