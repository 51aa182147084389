//go:build !purego

package kernels

//go:noescape
func maxArgmax3x3AVX2(y *float32, idx *int32, e0, e1, e2 *float32, half int, base *[9]int32, n int) (special bool)

// vecMaxArgmax3x3 writes ys and idx for 3×3, stride-2 windows from rows,
// the splits of the window's three rows (each e then o, half floats), in
// one pass (see maxArgmax3x3AVX2; base[3r+j] is tap (r, j)'s plane index at
// output 0). ok is false without AVX2 or under 8 outputs; special says
// whether some maximum is NaN or −∞.
func vecMaxArgmax3x3(ys []float32, idx []int32, rows []float32, half int, base [9]int32) (ok, special bool) {
	n := len(ys)
	if !useAVX || !hasAVX2 || n < 8 {
		return false, false
	}
	_, _ = idx[n-1], rows[5*half+n-1] // row 2's odd columns up to n−1
	if n > half-1 {
		panic("kernels: vecMaxArgmax3x3 reads past the splits")
	}
	run := func(k0, m int) bool { // outputs [k0, k0+m), m a multiple of 8
		b := base
		for t := range b {
			b[t] += int32(2 * k0)
		}
		return maxArgmax3x3AVX2(&ys[k0], &idx[k0], &rows[k0], &rows[2*half+k0], &rows[4*half+k0], 4*half, &b, m)
	}
	m := n &^ 7
	special = run(0, m)
	if m < n { // the last 8 again, overlapping: the same answers
		special = run(n-8, 8) || special
	}
	return true, special
}
