//go:build !purego

package kernels

//go:noescape
func argmax9AVX2(idx *int32, y *float32, taps *[9]*float32, base *[9]int32, n int) (special bool)

// vecArgmax9 sets idx[k] = base[t] + 2k for the last of the nine taps t
// (given in reverse window order) with taps[t][k] == y[k], for every k, and
// reports whether it could (ok: AVX2 and at least 8 elements) and whether
// some y[k] is NaN or −∞ (special). Every tap and y hold at least len(idx)
// elements.
func vecArgmax9(idx []int32, y []float32, taps *[9][]float32, base [9]int32) (ok, special bool) {
	n := len(idx)
	if !useAVX || !hasAVX2 || n < 8 {
		return false, false
	}
	run := func(k0, m int) bool { // elements [k0, k0+m), m a multiple of 8
		var ptrs [9]*float32
		var b [9]int32
		for t := range ptrs {
			_ = taps[t][k0+m-1]
			ptrs[t] = &taps[t][k0]
			b[t] = base[t] + int32(2*k0)
		}
		_ = y[k0+m-1]
		return argmax9AVX2(&idx[k0], &y[k0], &ptrs, &b, m)
	}
	m := n &^ 7
	special = run(0, m)
	if m < n { // the last 8 again, overlapping: the same answers
		special = run(n-8, 8) || special
	}
	return true, special
}
